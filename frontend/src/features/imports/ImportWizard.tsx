import { Alert, Anchor, Button, Group, Modal, Stack, Stepper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importsApi,
  isImportActive,
  type ImportAnalysis,
  type ImportDuplicates,
  type ImportJob,
  type ImportPreview,
  type ImportReadOptions,
  type ImportRecordType,
  type ImportSettings,
} from '../../api';
import { useNotify } from '../../components/notify';
import { useFormatters } from '../../i18n/format';
import { i18n } from '../../i18n';
import { useMe } from '../auth/session';
import { importKeys, useImportJob, useStartImport } from './hooks';
import { JobView } from './JobView';
import {
  duplicateTargets,
  hasSettingsErrors,
  initialChoices,
  isMapped,
  keepDuplicates,
  NO_ERRORS,
  settingsErrors,
  toSettings,
  type ColumnChoice,
  type SettingsErrors,
} from './mapping';
import { FileStep } from './FileStep';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';

const FILE = 0;
const MAPPING = 1;
const PREVIEW = 2;
const RUN = 3;
const RESULT = 4;

/** The import dialog of a record list: opened with a fresh wizard each time. */
export function ImportDialog({
  recordType,
  opened,
  onClose,
}: {
  recordType: ImportRecordType;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  // The job the wizard started, to say on closing that it goes on.
  const started = useRef<ImportJob | null>(null);
  const client = useQueryClient();
  const close = () => {
    const job = started.current && client.getQueryData<ImportJob>(importKeys.job(started.current.id));
    if (job && isImportActive(job.status)) announceBackground(job);
    started.current = null;
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t(`imports.title.${recordType}`)}
      size={1100}
      closeOnClickOutside={false}
      data-testid="import-dialog"
    >
      {opened && (
        <ImportWizard
          recordType={recordType}
          onStarted={(job) => {
            started.current = job;
          }}
          onClose={close}
        />
      )}
    </Modal>
  );
}

/** "Der Import läuft im Hintergrund weiter" with the way back to it (the imports page). */
function announceBackground(job: ImportJob) {
  notifications.show({
    color: 'blue',
    autoClose: 10_000,
    message: (
      <Stack gap={4} data-testid="import-background-notice">
        <Text size="sm">{i18n.t('imports.run.backgroundNotice', { file: job.fileName })}</Text>
        <Anchor href="#/imports" size="sm">
          {i18n.t('imports.run.openImports')}
        </Anchor>
      </Stack>
    ),
  });
}

interface Draft {
  analysis: ImportAnalysis;
  choices: ColumnChoice[];
  duplicates: ImportDuplicates;
  ownerId: string;
}

const settingsOf = (d: Draft): ImportSettings => toSettings(d.analysis.fields, d.choices, d.duplicates, d.ownerId);

/** The settings the analysis suggests; the importer owns the rows without an owner unless it names another. */
function draftOf(analysis: ImportAnalysis, importerId: string): Draft {
  return {
    analysis,
    choices: initialChoices(analysis),
    duplicates: analysis.suggested.duplicates,
    ownerId: analysis.suggested.ownerId !== '' ? analysis.suggested.ownerId : importerId,
  };
}

/**
 * The import in five steps: the file, the mapping of its columns, the preview with the duplicate rule and the
 * default owner, the run with its progress, and the result. The import runs in the backend: closing the dialog
 * leaves it running.
 */
export function ImportWizard({
  recordType,
  onStarted,
  onClose,
}: {
  recordType: ImportRecordType;
  onStarted: (job: ImportJob) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const me = useMe();
  const [step, setStep] = useState(FILE);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<SettingsErrors>(NO_ERRORS);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const job = useImportJob(jobId);

  const upload = useMutation({
    mutationFn: (source: { path: string } | { pick: true } | { reread: ImportReadOptions; id: string }) =>
      'path' in source
        ? importsApi.upload(recordType, source.path)
        : 'pick' in source
          ? importsApi.pickAndUpload(recordType)
          : importsApi.reanalyse(source.id, source.reread),
    onMutate: () => {
      setRefusal(null);
    },
    onSuccess: (analysis) => {
      if (!analysis) return; // the dialog was cancelled
      setDraft(draftOf(analysis, me.user.id));
      setErrors(NO_ERRORS);
      setPreview(null);
    },
  });

  const check = useMutation({
    mutationFn: (settings: ImportSettings) => importsApi.preview(draft?.analysis.id ?? '', settings),
  });
  const start = useStartImport();

  /** Runs the preview of d; the server's complaints go next to their fields, the rest to a notification. */
  const runPreview = (d: Draft, then?: () => void) => {
    check.mutate(settingsOf(d), {
      onSuccess: (result) => {
        setErrors(NO_ERRORS);
        setPreview(result);
        then?.();
      },
      onError: (error) => {
        const sorted = settingsErrors(error, d.choices);
        if (!hasSettingsErrors(sorted)) {
          notify.error(error);
          return;
        }
        setErrors(sorted);
        const mappingWrong = Object.keys(sorted.columns).length + Object.keys(sorted.missing).length > 0;
        if (mappingWrong) setStep(MAPPING);
        else then?.();
      },
    });
  };

  // The rule and the owner change the preview: computed anew while the preview step is shown.
  const ruleKey = draft ? `${draft.duplicates.target}|${draft.duplicates.action}|${draft.ownerId}` : '';
  const shownRule = useRef(ruleKey);
  useEffect(() => {
    if (step !== PREVIEW || !draft || ruleKey === shownRule.current) return;
    shownRule.current = ruleKey;
    runPreview(draft);
    // runPreview is recreated every render; the rule is what matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ruleKey, step]);

  // Steps 4 and 5 follow the job: the result once it has ended.
  const shown = jobId === null ? step : job.data && !isImportActive(job.data.status) ? RESULT : RUN;

  const doubled = draft ? duplicateTargets(draft.choices).size > 0 : false;
  const nothingMapped = draft ? !draft.choices.some(isMapped) : true;

  const next = () => {
    if (!draft) return;
    if (step === FILE) {
      setStep(MAPPING);
    } else if (step === MAPPING) {
      const d = { ...draft, duplicates: keepDuplicates(draft.duplicates, draft.analysis.fields, draft.choices) };
      setDraft(d);
      shownRule.current = `${d.duplicates.target}|${d.duplicates.action}|${d.ownerId}`;
      runPreview(d, () => {
        setStep(PREVIEW);
      });
    } else if (step === PREVIEW) {
      start.mutate(
        { id: draft.analysis.id, settings: settingsOf(draft) },
        {
          onSuccess: (started) => {
            onStarted(started);
            setJobId(started.id);
          },
          onError: (error) => {
            const sorted = settingsErrors(error, draft.choices);
            if (!hasSettingsErrors(sorted)) {
              notify.error(error);
              return;
            }
            setErrors(sorted);
            if (Object.keys(sorted.columns).length + Object.keys(sorted.missing).length > 0) setStep(MAPPING);
          },
        },
      );
    }
  };

  const locked = jobId !== null; // started: no way back to the settings
  const busy = upload.isPending || check.isPending || start.isPending;

  return (
    <Stack gap="lg" data-testid="import-wizard">
      <Stepper
        active={shown}
        onStepClick={(index) => {
          if (!locked && index < step) setStep(index);
        }}
        allowNextStepsSelect={false}
        size="sm"
      >
        <Stepper.Step label={t('imports.steps.file')} allowStepSelect={!locked && step > FILE}>
          <FileStep
            recordType={recordType}
            analysis={draft?.analysis ?? null}
            busy={upload.isPending}
            error={refusal ?? upload.error}
            onPick={() => {
              upload.mutate({ pick: true });
            }}
            onDrop={(path) => {
              upload.mutate({ path });
            }}
            onReread={(options) => {
              if (draft) upload.mutate({ id: draft.analysis.id, reread: options });
            }}
            onRefuse={(message) => {
              upload.reset();
              setRefusal(message);
            }}
          />
        </Stepper.Step>
        <Stepper.Step label={t('imports.steps.mapping')} allowStepSelect={!locked && step > MAPPING}>
          {draft && (
            <MappingStep
              analysis={draft.analysis}
              choices={draft.choices}
              errors={errors}
              onChange={(choices) => {
                setDraft({ ...draft, choices });
                setErrors(NO_ERRORS);
              }}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label={t('imports.steps.preview')} allowStepSelect={!locked && step > PREVIEW}>
          {draft && (
            <PreviewStep
              analysis={draft.analysis}
              choices={draft.choices}
              duplicates={draft.duplicates}
              onDuplicates={(duplicates) => {
                setDraft({ ...draft, duplicates });
              }}
              ownerId={draft.ownerId}
              onOwner={(ownerId) => {
                setDraft({ ...draft, ownerId });
              }}
              preview={preview}
              loading={check.isPending}
              errors={errors}
            />
          )}
        </Stepper.Step>
        <Stepper.Step label={t('imports.steps.run')} allowStepSelect={false}>
          {jobId && <JobView jobId={jobId} />}
        </Stepper.Step>
        <Stepper.Step label={t('imports.steps.result')} allowStepSelect={false}>
          {jobId && <JobView jobId={jobId} />}
        </Stepper.Step>
      </Stepper>

      {step === MAPPING && nothingMapped && draft && (
        <Alert color="yellow" variant="light">
          {t('imports.mapping.nothingMapped')}
        </Alert>
      )}

      <Group justify="space-between">
        <Button
          variant="default"
          onClick={() => {
            setStep(step - 1);
          }}
          disabled={step === FILE || locked || busy}
          style={{ visibility: locked ? 'hidden' : undefined }}
        >
          {t('imports.back')}
        </Button>
        <Group gap="sm">
          {shown >= RUN && (
            <Button variant={shown === RESULT ? 'filled' : 'default'} onClick={onClose} data-testid="import-close">
              {t('imports.close')}
            </Button>
          )}
          {shown < RUN && (
            <Button
              onClick={next}
              loading={check.isPending || start.isPending}
              disabled={
                !draft ||
                upload.isPending ||
                (step === MAPPING && (doubled || nothingMapped)) ||
                (step === PREVIEW && (check.isPending || preview === null))
              }
              data-testid="import-next"
            >
              {step === PREVIEW
                ? t('imports.preview.start', { count: format.number(draft?.analysis.rows ?? 0) })
                : t('imports.next')}
            </Button>
          )}
        </Group>
      </Group>
    </Stack>
  );
}
