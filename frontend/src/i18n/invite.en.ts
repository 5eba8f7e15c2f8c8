/** English texts of invitations, "Forgot password?" and the first-run checklist (issue 18, parts 2, 3 and 7; assembled in index.ts). */
export const inviteEn = {
  invite: {
    button: 'Invite',
    title: 'Invite a colleague',
    intro:
      'The invitation goes to the address by e-mail. Through its link the invitee sets their own password; it is valid for {{days}} days.',
    form: {
      email: 'E-mail address',
      name: 'Name',
      unit: 'Unit',
      role: 'Role',
      select: 'Please choose',
      submit: 'Send invitation',
    },
    validation: {
      emailInvalid: 'Please enter a valid e-mail address.',
      nameRequired: 'Please enter a name.',
      unitRequired: 'Please choose a unit.',
      roleRequired: 'Please choose a role.',
    },
    sent: 'The invitation to {{email}} is on its way.',
    pending: {
      title: 'Open invitations',
      columns: {
        email: 'E-mail address',
        name: 'Name',
        role: 'Unit / role',
        invitedBy: 'Invited by',
        sent: 'Sent',
        expires: 'Valid until',
      },
      operator: 'Operator',
      expired: 'Expired',
      resend: 'Send again',
      revoke: 'Withdraw',
      resent: 'The invitation to {{email}} was sent again; the previous link no longer works.',
    },
    revoke: {
      title: 'Withdraw the invitation?',
      body: 'The link in the invitation to {{email}} will no longer work.',
      confirm: 'Withdraw',
      success: 'The invitation to {{email}} was withdrawn.',
    },
  },
  forgot: {
    link: 'Forgot password?',
    title: 'Forgot password',
    intro:
      "Enter your account's e-mail address. You will get a link to set a new password; it is valid for {{minutes}} minutes.",
    submit: 'Send link',
    sent: 'If {{email}} has an account, an e-mail with the link is on its way. Check your inbox.',
    close: 'Close',
  },
  checklist: {
    title: 'First steps',
    intro: 'How to set up 1sales for your company. Steps are ticked off as you complete them.',
    dismiss: 'Hide',
    progress: '{{done}} of {{total}} done',
    steps: {
      team: 'Invite your team',
      units: 'Set up units and roles',
      pipelines: 'Create pipelines',
      customFields: 'Create custom fields',
      leadSource: 'Connect a lead source',
      import: 'Import data',
    },
  },
};

/** Error texts of invitations and password resets (errors.*). */
export const inviteErrorsEn = {
  link: {
    invalid: 'The link is invalid, expired or was used already. Please ask for a new one.',
  },
};

/** Labels of the fields an invitation, a link's password or the operator's new company can be refused for (fieldLabels). */
export const inviteFieldsEn = {
  token: 'Link',
  plan: 'Plan',
  language: 'Language',
  adminEmail: "Administrator's e-mail address",
  adminName: "Administrator's name",
};
