export namespace api {
	
	export enum Action {
	    Create = "create",
	    Delete = "delete",
	    Edit = "edit",
	    Export = "export",
	    View = "view",
	}
	export enum ActivityIcon {
	    Briefcase = "briefcase",
	    Calendar = "calendar",
	    Car = "car",
	    Checkbox = "checkbox",
	    Clock = "clock",
	    Coffee = "coffee",
	    FileText = "file-text",
	    Flag = "flag",
	    Handshake = "handshake",
	    Mail = "mail",
	    MapPin = "map-pin",
	    Message = "message",
	    Phone = "phone",
	    Presentation = "presentation",
	    Receipt = "receipt",
	    Star = "star",
	    Tool = "tool",
	    Truck = "truck",
	    Users = "users",
	    Video = "video",
	}
	export enum CSVStyle {
	    Comma = "comma",
	    Excel = "excel",
	}
	export enum ChallengeKind {
	    Code = "code",
	    Enrol = "enrol",
	}
	export enum ChangeKind {
	    Created = "created",
	    Deleted = "deleted",
	    Removed = "removed",
	    Updated = "updated",
	}
	export enum ChangeTopic {
	    Activity = "activity",
	    ActivityType = "activity_type",
	    CustomField = "custom_field",
	    Deal = "deal",
	    Document = "document",
	    Import = "import",
	    Lead = "lead",
	    LeadMapping = "lead_mapping",
	    LeadSource = "lead_source",
	    LostReason = "lost_reason",
	    Note = "note",
	    Notification = "notification",
	    Organization = "organization",
	    Person = "person",
	    Pipeline = "pipeline",
	    Presence = "presence",
	    Role = "role",
	    SavedFilter = "saved_filter",
	    Unit = "unit",
	    User = "user",
	}
	export enum ConditionOp {
	    Contains = "contains",
	    Empty = "empty",
	    Eq = "eq",
	    Gt = "gt",
	    Gte = "gte",
	    Is = "is",
	    Lt = "lt",
	    Lte = "lte",
	    Ne = "ne",
	    Set = "set",
	}
	export enum ContactKind {
	    Mobile = "mobile",
	    Private = "private",
	    Work = "work",
	}
	export enum ConvertMode {
	    Create = "create",
	    Existing = "existing",
	    None = "none",
	}
	export enum DashboardScope {
	    All = "all",
	    Me = "me",
	    Team = "team",
	}
	export enum DealStatus {
	    Lost = "lost",
	    Open = "open",
	    Won = "won",
	}
	export enum DuplicateReason {
	    Company = "company",
	    Email = "email",
	    Phone = "phone",
	}
	export enum ErrorCode {
	    AccessForbidden = "access.forbidden",
	    AuthBusy = "auth.busy",
	    AuthChallengeInvalid = "auth.challenge_invalid",
	    AuthInvalidCredentials = "auth.invalid_credentials",
	    AuthPasswordDisabled = "auth.password_disabled",
	    AuthRefreshTokenReused = "auth.refresh_token_reused",
	    AuthSsoCancelled = "auth.sso_cancelled",
	    AuthSsoFailed = "auth.sso_failed",
	    AuthThrottled = "auth.throttled",
	    AuthTokenInvalid = "auth.token_invalid",
	    AuthTwoFactorRequired = "auth.two_factor_required",
	    AuthUnauthenticated = "auth.unauthenticated",
	    AuthWrongPassword = "auth.wrong_password",
	    ClientTooOld = "client.too_old",
	    DialogFailed = "dialog.failed",
	    DocumentChecksumMismatch = "document.checksum_mismatch",
	    DocumentIncomplete = "document.incomplete",
	    DocumentLengthRequired = "document.length_required",
	    DocumentNoApplication = "document.no_application",
	    DocumentOpenBlocked = "document.open_blocked",
	    DocumentOpenFailed = "document.open_failed",
	    DocumentRangeInvalid = "document.range_invalid",
	    DocumentTooLarge = "document.too_large",
	    DocumentTypeMismatch = "document.type_mismatch",
	    ExportIncomplete = "export.incomplete",
	    FileUnreadable = "file.unreadable",
	    FileUnwritable = "file.unwritable",
	    IdempotencyInProgress = "idempotency.in_progress",
	    IdempotencyKeyReused = "idempotency.key_reused",
	    ImportFileInvalid = "import.file_invalid",
	    ImportState = "import.state",
	    IntakeSignatureInvalid = "intake.signature_invalid",
	    IntakeSourcePaused = "intake.source_paused",
	    Internal = "internal",
	    LinkInvalid = "link.invalid",
	    NetworkStalled = "network.stalled",
	    NetworkUnreachable = "network.unreachable",
	    PersonDuplicateEmail = "person.duplicate_email",
	    PipelineLimitReached = "pipeline.limit_reached",
	    PreconditionRequired = "precondition.required",
	    PreconditionVersionMismatch = "precondition.version_mismatch",
	    QuotaExceeded = "quota.exceeded",
	    RequestAborted = "request.aborted",
	    RequestBodyTooLarge = "request.body_too_large",
	    RequestMalformedJson = "request.malformed_json",
	    RequestMethodNotAllowed = "request.method_not_allowed",
	    RequestRateLimited = "request.rate_limited",
	    RequestTimeout = "request.timeout",
	    RequestUnknownField = "request.unknown_field",
	    RequestUnsupportedMediaType = "request.unsupported_media_type",
	    ResourceConflict = "resource.conflict",
	    ResourceNotFound = "resource.not_found",
	    SecretsUnavailable = "secrets.unavailable",
	    ServiceUnavailable = "service.unavailable",
	    SettingsUnavailable = "settings.unavailable",
	    StageInUse = "stage.in_use",
	    StorageUnavailable = "storage.unavailable",
	    SupportNoAddress = "support.no_address",
	    TlsExpired = "tls.expired",
	    TlsFailed = "tls.failed",
	    TlsUnknownAuthority = "tls.unknown_authority",
	    TlsWrongHost = "tls.wrong_host",
	    ValidationFailed = "validation.failed",
	}
	export enum ExportColumn {
	    AddressCity = "address.city",
	    AddressCountry = "address.country",
	    AddressPostalCode = "address.postalCode",
	    AddressStreet = "address.street",
	    Assignee = "assignee",
	    ClosedAt = "closedAt",
	    Comment = "comment",
	    Company = "company",
	    ConvertedAt = "convertedAt",
	    CreatedAt = "createdAt",
	    Currency = "currency",
	    Deal = "deal",
	    Done = "done",
	    DoneAt = "doneAt",
	    DueAt = "dueAt",
	    DurationMinutes = "durationMinutes",
	    Email = "email",
	    Emails = "emails",
	    ExpectedCloseDate = "expectedCloseDate",
	    FirstName = "firstName",
	    Industry = "industry",
	    JobTitle = "jobTitle",
	    LastName = "lastName",
	    Lead = "lead",
	    LostComment = "lostComment",
	    LostReason = "lostReason",
	    Name = "name",
	    Organization = "organization",
	    Organizations = "organizations",
	    Owner = "owner",
	    Person = "person",
	    PersonName = "personName",
	    Phone = "phone",
	    Phones = "phones",
	    Pipeline = "pipeline",
	    Probability = "probability",
	    Salutation = "salutation",
	    Source = "source",
	    Stage = "stage",
	    Status = "status",
	    Title = "title",
	    Type = "type",
	    UpdatedAt = "updatedAt",
	    Value = "value",
	    Website = "website",
	}
	export enum ExportFormat {
	    Csv = "csv",
	    Xlsx = "xlsx",
	}
	export enum FieldCode {
	    Ambiguous = "ambiguous",
	    Columns = "columns",
	    Common = "common",
	    ControlCharacter = "control_character",
	    Cycle = "cycle",
	    Duplicate = "duplicate",
	    Empty = "empty",
	    Forbidden = "forbidden",
	    InUse = "in_use",
	    Incomplete = "incomplete",
	    Insecure = "insecure",
	    Invalid = "invalid",
	    LengthRequired = "length_required",
	    Limit = "limit",
	    Mismatch = "mismatch",
	    NoCertificate = "no_certificate",
	    NoPosition = "no_position",
	    NoRows = "no_rows",
	    NoSso = "no_sso",
	    NotFound = "not_found",
	    NotGeocoded = "not_geocoded",
	    Quota = "quota",
	    Range = "range",
	    Required = "required",
	    Taken = "taken",
	    TooLarge = "too_large",
	    TooLong = "too_long",
	    TooShort = "too_short",
	    Type = "type",
	    Unknown = "unknown",
	    Unreachable = "unreachable",
	    Unreadable = "unreadable",
	    Unwritable = "unwritable",
	    WrongCode = "wrong_code",
	    WrongPassword = "wrong_password",
	}
	export enum FieldKind {
	    Bool = "bool",
	    Number = "number",
	    Text = "text",
	}
	export enum GeoSource {
	    Gazetteer = "gazetteer",
	    Nominatim = "nominatim",
	}
	export enum HistoryAction {
	    ActivityDeleted = "activity_deleted",
	    ActivityDone = "activity_done",
	    ActivityPlanned = "activity_planned",
	    ActivityReopened = "activity_reopened",
	    Created = "created",
	    Deleted = "deleted",
	    DocumentAdded = "document_added",
	    DocumentDeleted = "document_deleted",
	    DocumentRestored = "document_restored",
	    Imported = "imported",
	    Linked = "linked",
	    NoteAdded = "note_added",
	    NoteChanged = "note_changed",
	    NoteDeleted = "note_deleted",
	    Restored = "restored",
	    Unlinked = "unlinked",
	    Updated = "updated",
	}
	export enum HistoryField {
	    Activity = "activity",
	    ActivityDue = "activityDue",
	    ActivityType = "activityType",
	    AddressCity = "address.city",
	    AddressCountry = "address.country",
	    AddressPostalCode = "address.postalCode",
	    AddressStreet = "address.street",
	    Company = "company",
	    Currency = "currency",
	    Deal = "deal",
	    Details = "details",
	    Document = "document",
	    Email = "email",
	    Emails = "emails",
	    ExpectedCloseDate = "expectedCloseDate",
	    FirstName = "firstName",
	    Industry = "industry",
	    JobTitle = "jobTitle",
	    LastName = "lastName",
	    LostComment = "lostComment",
	    LostReason = "lostReason",
	    Name = "name",
	    Note = "note",
	    Organization = "organization",
	    Owner = "owner",
	    Person = "person",
	    PersonName = "personName",
	    Phone = "phone",
	    Phones = "phones",
	    Pipeline = "pipeline",
	    Role = "role",
	    Salutation = "salutation",
	    Source = "source",
	    Stage = "stage",
	    Status = "status",
	    Title = "title",
	    Value = "value",
	    Website = "website",
	}
	export enum ImportDateFormat {
	    Dmy = "dmy",
	    Mdy = "mdy",
	    Serial = "serial",
	    Ymd = "ymd",
	}
	export enum ImportDuplicateAction {
	    Create = "create",
	    Skip = "skip",
	    Update = "update",
	}
	export enum ImportEncoding {
	    Utf8 = "utf-8",
	    Utf8Bom = "utf-8-bom",
	    Windows1252 = "windows-1252",
	}
	export enum ImportFileFormat {
	    Csv = "csv",
	    Xlsx = "xlsx",
	}
	export enum ImportNumberFormat {
	    De = "de",
	    En = "en",
	}
	export enum ImportOutcome {
	    Created = "created",
	    Failed = "failed",
	    Skipped = "skipped",
	    Updated = "updated",
	}
	export enum ImportStatus {
	    Analysed = "analysed",
	    Done = "done",
	    Failed = "failed",
	    Queued = "queued",
	    Running = "running",
	    Undone = "undone",
	}
	export enum ImportTarget {
	    City = "city",
	    Company = "company",
	    Country = "country",
	    Currency = "currency",
	    Email = "email",
	    ExpectedCloseDate = "expectedCloseDate",
	    FirstName = "firstName",
	    FullName = "fullName",
	    Ignore = "ignore",
	    Industry = "industry",
	    JobTitle = "jobTitle",
	    LastName = "lastName",
	    Mobile = "mobile",
	    Name = "name",
	    Organization = "organization",
	    OrganizationCity = "organization.city",
	    OrganizationCountry = "organization.country",
	    OrganizationEmail = "organization.email",
	    OrganizationIndustry = "organization.industry",
	    OrganizationPhone = "organization.phone",
	    OrganizationPostalCode = "organization.postalCode",
	    OrganizationStreet = "organization.street",
	    OrganizationWebsite = "organization.website",
	    Owner = "owner",
	    Person = "person",
	    Phone = "phone",
	    Pipeline = "pipeline",
	    PostalCode = "postalCode",
	    Salutation = "salutation",
	    Source = "source",
	    Stage = "stage",
	    Street = "street",
	    Title = "title",
	    Value = "value",
	    Website = "website",
	}
	export enum ImportValueKind {
	    Bool = "bool",
	    Date = "date",
	    Number = "number",
	    Reference = "reference",
	    Text = "text",
	}
	export enum IntakeItemStatus {
	    Created = "created",
	    Rejected = "rejected",
	    Unchanged = "unchanged",
	    Updated = "updated",
	}
	export enum IntakeTarget {
	    City = "city",
	    Company = "company",
	    Country = "country",
	    Detail = "detail",
	    Email = "email",
	    FirstName = "firstName",
	    Ignore = "ignore",
	    LastName = "lastName",
	    PersonName = "personName",
	    Phone = "phone",
	    PostalCode = "postalCode",
	    Source = "source",
	    Street = "street",
	    Title = "title",
	}
	export enum Language {
	    De = "de",
	    En = "en",
	}
	export enum LeadStatus {
	    Converted = "converted",
	    Lost = "lost",
	    Open = "open",
	}
	export enum NotificationKind {
	    ActivityAssigned = "activity_assigned",
	    ActivityDue = "activity_due",
	    DealAssigned = "deal_assigned",
	    DealLost = "deal_lost",
	    DealWon = "deal_won",
	    DocumentStored = "document_stored",
	    LeadAssigned = "lead_assigned",
	    LeadDelivered = "lead_delivered",
	}
	export enum OwnerKeyword {
	    Me = "me",
	    Team = "team",
	}
	export enum PlacedAt {
	    Organization = "organization",
	    Own = "own",
	}
	export enum Plan {
	    Basic = "basic",
	    Professional = "professional",
	}
	export enum Precision {
	    Address = "address",
	    City = "city",
	    NotFound = "not_found",
	    PostalCode = "postal_code",
	    Street = "street",
	}
	export enum RecordType {
	    Activity = "activity",
	    Deal = "deal",
	    Lead = "lead",
	    Organization = "organization",
	    Person = "person",
	}
	export enum Salutation {
	    Divers = "divers",
	    Frau = "frau",
	    Herr = "herr",
	    None = "none",
	}
	export enum Scope {
	    All = "all",
	    None = "none",
	    Own = "own",
	    Unit = "unit",
	}
	export enum SecurityAction {
	    RecoveryCodeUsed = "recovery_code_used",
	    RecoveryCodesRenewed = "recovery_codes_renewed",
	    SessionsRevoked = "sessions_revoked",
	    TotpDisabled = "totp_disabled",
	    TotpEnabled = "totp_enabled",
	    TotpReset = "totp_reset",
	}
	export enum SetupStep {
	    CustomFields = "customFields",
	    Import = "import",
	    LeadSource = "leadSource",
	    Pipelines = "pipelines",
	    Team = "team",
	    Units = "units",
	}
	export enum SortKey {
	    City = "city",
	    CreatedAt = "createdAt",
	    Distance = "distance",
	    Name = "name",
	    UpdatedAt = "updatedAt",
	}
	export enum TwoFactorPolicy {
	    Admins = "admins",
	    Everyone = "everyone",
	    Off = "off",
	}
	export class Activity {
	    id: string;
	    title: string;
	    comment: string;
	    typeId: string;
	    typeName: string;
	    typeColor: string;
	    typeIcon: string;
	    dueAt: string;
	    durationMinutes: number;
	    done: boolean;
	    doneAt?: string;
	    overdue: boolean;
	    assigneeId: string;
	    assigneeName: string;
	    personId: string;
	    personName: string;
	    organizationId: string;
	    organizationName: string;
	    dealId: string;
	    dealTitle: string;
	    leadId: string;
	    leadTitle: string;
	    personHidden: boolean;
	    organizationHidden: boolean;
	    dealHidden: boolean;
	    leadHidden: boolean;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Activity(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.comment = source["comment"];
	        this.typeId = source["typeId"];
	        this.typeName = source["typeName"];
	        this.typeColor = source["typeColor"];
	        this.typeIcon = source["typeIcon"];
	        this.dueAt = source["dueAt"];
	        this.durationMinutes = source["durationMinutes"];
	        this.done = source["done"];
	        this.doneAt = source["doneAt"];
	        this.overdue = source["overdue"];
	        this.assigneeId = source["assigneeId"];
	        this.assigneeName = source["assigneeName"];
	        this.personId = source["personId"];
	        this.personName = source["personName"];
	        this.organizationId = source["organizationId"];
	        this.organizationName = source["organizationName"];
	        this.dealId = source["dealId"];
	        this.dealTitle = source["dealTitle"];
	        this.leadId = source["leadId"];
	        this.leadTitle = source["leadTitle"];
	        this.personHidden = source["personHidden"];
	        this.organizationHidden = source["organizationHidden"];
	        this.dealHidden = source["dealHidden"];
	        this.leadHidden = source["leadHidden"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class ActivityCreate {
	    title: string;
	    comment: string;
	    typeId: string;
	    dueAt: string;
	    durationMinutes: number;
	    done: boolean;
	    assigneeId: string;
	    personId: string;
	    organizationId: string;
	    dealId: string;
	    leadId: string;
	
	    static createFrom(source: any = {}) {
	        return new ActivityCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.comment = source["comment"];
	        this.typeId = source["typeId"];
	        this.dueAt = source["dueAt"];
	        this.durationMinutes = source["durationMinutes"];
	        this.done = source["done"];
	        this.assigneeId = source["assigneeId"];
	        this.personId = source["personId"];
	        this.organizationId = source["organizationId"];
	        this.dealId = source["dealId"];
	        this.leadId = source["leadId"];
	    }
	}
	export class ActivityQuery {
	    assignee: string;
	    due: string;
	    dueFrom: string;
	    dueTo: string;
	    doneFrom: string;
	    doneTo: string;
	    typeId: string;
	    status: string;
	    recordType: RecordType;
	    recordId: string;
	    cursor: string;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ActivityQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.assignee = source["assignee"];
	        this.due = source["due"];
	        this.dueFrom = source["dueFrom"];
	        this.dueTo = source["dueTo"];
	        this.doneFrom = source["doneFrom"];
	        this.doneTo = source["doneTo"];
	        this.typeId = source["typeId"];
	        this.status = source["status"];
	        this.recordType = source["recordType"];
	        this.recordId = source["recordId"];
	        this.cursor = source["cursor"];
	        this.limit = source["limit"];
	    }
	}
	export class ActivityFigure {
	    count: number;
	    query: ActivityQuery;
	
	    static createFrom(source: any = {}) {
	        return new ActivityFigure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.query = this.convertValues(source["query"], ActivityQuery);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ActivityPage {
	    items: Activity[];
	    nextCursor: string;
	
	    static createFrom(source: any = {}) {
	        return new ActivityPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Activity);
	        this.nextCursor = source["nextCursor"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ActivityPatch {
	    title?: string;
	    comment?: string;
	    typeId?: string;
	    dueAt?: string;
	    durationMinutes?: number;
	    done?: boolean;
	    assigneeId?: string;
	    personId?: string;
	    organizationId?: string;
	    dealId?: string;
	    leadId?: string;
	
	    static createFrom(source: any = {}) {
	        return new ActivityPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.comment = source["comment"];
	        this.typeId = source["typeId"];
	        this.dueAt = source["dueAt"];
	        this.durationMinutes = source["durationMinutes"];
	        this.done = source["done"];
	        this.assigneeId = source["assigneeId"];
	        this.personId = source["personId"];
	        this.organizationId = source["organizationId"];
	        this.dealId = source["dealId"];
	        this.leadId = source["leadId"];
	    }
	}
	
	export class ActivityType {
	    id: string;
	    name: string;
	    color: string;
	    icon: string;
	    position: number;
	    archived: boolean;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new ActivityType(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.color = source["color"];
	        this.icon = source["icon"];
	        this.position = source["position"];
	        this.archived = source["archived"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class ActivityTypeCreate {
	    name: string;
	    color: string;
	    icon: string;
	
	    static createFrom(source: any = {}) {
	        return new ActivityTypeCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.color = source["color"];
	        this.icon = source["icon"];
	    }
	}
	export class ActivityTypeList {
	    items: ActivityType[];
	    icons: string[];
	
	    static createFrom(source: any = {}) {
	        return new ActivityTypeList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], ActivityType);
	        this.icons = source["icons"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ActivityTypePatch {
	    name?: string;
	    color?: string;
	    icon?: string;
	    position?: number;
	    archived?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ActivityTypePatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.color = source["color"];
	        this.icon = source["icon"];
	        this.position = source["position"];
	        this.archived = source["archived"];
	    }
	}
	export class Address {
	    street: string;
	    postalCode: string;
	    city: string;
	    country: string;
	
	    static createFrom(source: any = {}) {
	        return new Address(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.street = source["street"];
	        this.postalCode = source["postalCode"];
	        this.city = source["city"];
	        this.country = source["country"];
	    }
	}
	export class AssignmentRule {
	    postalFrom: string;
	    postalTo: string;
	    countries: string[];
	    userId: string;
	    unitId: string;
	    userName: string;
	    unitName: string;
	
	    static createFrom(source: any = {}) {
	        return new AssignmentRule(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.postalFrom = source["postalFrom"];
	        this.postalTo = source["postalTo"];
	        this.countries = source["countries"];
	        this.userId = source["userId"];
	        this.unitId = source["unitId"];
	        this.userName = source["userName"];
	        this.unitName = source["unitName"];
	    }
	}
	export class LeadDuplicate {
	    recordType: RecordType;
	    id: string;
	    name: string;
	    reason: DuplicateReason;
	
	    static createFrom(source: any = {}) {
	        return new LeadDuplicate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordType = source["recordType"];
	        this.id = source["id"];
	        this.name = source["name"];
	        this.reason = source["reason"];
	    }
	}
	export class LeadDetail {
	    name: string;
	    value: string;
	
	    static createFrom(source: any = {}) {
	        return new LeadDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.value = source["value"];
	    }
	}
	export class Position {
	    lat: number;
	    lng: number;
	    precision: Precision;
	    source: GeoSource;
	    geocodedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Position(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.lat = source["lat"];
	        this.lng = source["lng"];
	        this.precision = source["precision"];
	        this.source = source["source"];
	        this.geocodedAt = source["geocodedAt"];
	    }
	}
	export class Lead {
	    id: string;
	    title: string;
	    personName: string;
	    company: string;
	    email: string;
	    phone: string;
	    address: Address;
	    source: string;
	    ownerId: string;
	    ownerName: string;
	    pipelineId: string;
	    stageId: string;
	    stageName: string;
	    status: LeadStatus;
	    lostReasonId: string;
	    lostReasonName: string;
	    lostComment: string;
	    convertedAt?: string;
	    convertedPersonId: string;
	    convertedOrganizationId: string;
	    convertedDealId: string;
	    custom: Record<string, string>;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	    position?: Position;
	    distanceKm?: number;
	    sourceId: string;
	    externalId: string;
	    details: LeadDetail[];
	    possibleDuplicate: boolean;
	    duplicates?: LeadDuplicate[];
	
	    static createFrom(source: any = {}) {
	        return new Lead(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.personName = source["personName"];
	        this.company = source["company"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.address = this.convertValues(source["address"], Address);
	        this.source = source["source"];
	        this.ownerId = source["ownerId"];
	        this.ownerName = source["ownerName"];
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.stageName = source["stageName"];
	        this.status = source["status"];
	        this.lostReasonId = source["lostReasonId"];
	        this.lostReasonName = source["lostReasonName"];
	        this.lostComment = source["lostComment"];
	        this.convertedAt = source["convertedAt"];
	        this.convertedPersonId = source["convertedPersonId"];
	        this.convertedOrganizationId = source["convertedOrganizationId"];
	        this.convertedDealId = source["convertedDealId"];
	        this.custom = source["custom"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.position = this.convertValues(source["position"], Position);
	        this.distanceKm = source["distanceKm"];
	        this.sourceId = source["sourceId"];
	        this.externalId = source["externalId"];
	        this.details = this.convertValues(source["details"], LeadDetail);
	        this.possibleDuplicate = source["possibleDuplicate"];
	        this.duplicates = this.convertValues(source["duplicates"], LeadDuplicate);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Deal {
	    id: string;
	    title: string;
	    value: string;
	    currency: string;
	    ownerId: string;
	    ownerName: string;
	    expectedCloseDate: string;
	    personId: string;
	    personName: string;
	    organizationId: string;
	    organizationName: string;
	    personHidden: boolean;
	    organizationHidden: boolean;
	    pipelineId: string;
	    stageId: string;
	    stageName: string;
	    probability: number;
	    status: DealStatus;
	    lostReasonId: string;
	    lostReasonName: string;
	    lostComment: string;
	    closedAt?: string;
	    custom: Record<string, string>;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	    distanceKm?: number;
	
	    static createFrom(source: any = {}) {
	        return new Deal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.value = source["value"];
	        this.currency = source["currency"];
	        this.ownerId = source["ownerId"];
	        this.ownerName = source["ownerName"];
	        this.expectedCloseDate = source["expectedCloseDate"];
	        this.personId = source["personId"];
	        this.personName = source["personName"];
	        this.organizationId = source["organizationId"];
	        this.organizationName = source["organizationName"];
	        this.personHidden = source["personHidden"];
	        this.organizationHidden = source["organizationHidden"];
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.stageName = source["stageName"];
	        this.probability = source["probability"];
	        this.status = source["status"];
	        this.lostReasonId = source["lostReasonId"];
	        this.lostReasonName = source["lostReasonName"];
	        this.lostComment = source["lostComment"];
	        this.closedAt = source["closedAt"];
	        this.custom = source["custom"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.distanceKm = source["distanceKm"];
	    }
	}
	export class BoardColumn {
	    stage: Stage;
	    count: number;
	    total: string;
	    weighted: string;
	    deals: Deal[];
	    leads: Lead[];
	
	    static createFrom(source: any = {}) {
	        return new BoardColumn(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.stage = this.convertValues(source["stage"], Stage);
	        this.count = source["count"];
	        this.total = source["total"];
	        this.weighted = source["weighted"];
	        this.deals = this.convertValues(source["deals"], Deal);
	        this.leads = this.convertValues(source["leads"], Lead);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Stage {
	    id: string;
	    name: string;
	    probability: number;
	    position: number;
	
	    static createFrom(source: any = {}) {
	        return new Stage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.probability = source["probability"];
	        this.position = source["position"];
	    }
	}
	export class Pipeline {
	    id: string;
	    recordType: RecordType;
	    name: string;
	    position: number;
	    stages: Stage[];
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Pipeline(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.recordType = source["recordType"];
	        this.name = source["name"];
	        this.position = source["position"];
	        this.stages = this.convertValues(source["stages"], Stage);
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Board {
	    pipeline: Pipeline;
	    columns: BoardColumn[];
	    currency: string;
	
	    static createFrom(source: any = {}) {
	        return new Board(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pipeline = this.convertValues(source["pipeline"], Pipeline);
	        this.columns = this.convertValues(source["columns"], BoardColumn);
	        this.currency = source["currency"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Near {
	    recordType?: RecordType;
	    recordId?: string;
	    address?: string;
	    lat?: number;
	    lng?: number;
	    radiusKm: number;
	
	    static createFrom(source: any = {}) {
	        return new Near(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordType = source["recordType"];
	        this.recordId = source["recordId"];
	        this.address = source["address"];
	        this.lat = source["lat"];
	        this.lng = source["lng"];
	        this.radiusKm = source["radiusKm"];
	    }
	}
	export class CustomCondition {
	    fieldId: string;
	    op: ConditionOp;
	    value: string;
	
	    static createFrom(source: any = {}) {
	        return new CustomCondition(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fieldId = source["fieldId"];
	        this.op = source["op"];
	        this.value = source["value"];
	    }
	}
	export class ListQuery {
	    search: string;
	    owner: string;
	    organizationId: string;
	    postalCode: string;
	    city: string;
	    country: string;
	    createdFrom: string;
	    createdTo: string;
	    updatedFrom: string;
	    updatedTo: string;
	    custom: CustomCondition[];
	    pipelineId: string;
	    stageId: string;
	    status: string;
	    closedFrom: string;
	    closedTo: string;
	    closeDateFrom: string;
	    closeDateTo: string;
	    sourceId: string;
	    possibleDuplicate: boolean;
	    noOpenActivity: boolean;
	    sort: string;
	    cursor: string;
	    limit: number;
	    near?: Near;
	    deferTotal?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ListQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.owner = source["owner"];
	        this.organizationId = source["organizationId"];
	        this.postalCode = source["postalCode"];
	        this.city = source["city"];
	        this.country = source["country"];
	        this.createdFrom = source["createdFrom"];
	        this.createdTo = source["createdTo"];
	        this.updatedFrom = source["updatedFrom"];
	        this.updatedTo = source["updatedTo"];
	        this.custom = this.convertValues(source["custom"], CustomCondition);
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.status = source["status"];
	        this.closedFrom = source["closedFrom"];
	        this.closedTo = source["closedTo"];
	        this.closeDateFrom = source["closeDateFrom"];
	        this.closeDateTo = source["closeDateTo"];
	        this.sourceId = source["sourceId"];
	        this.possibleDuplicate = source["possibleDuplicate"];
	        this.noOpenActivity = source["noOpenActivity"];
	        this.sort = source["sort"];
	        this.cursor = source["cursor"];
	        this.limit = source["limit"];
	        this.near = this.convertValues(source["near"], Near);
	        this.deferTotal = source["deferTotal"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BoardQuery {
	    pipelineId: string;
	    filter: ListQuery;
	    cardsPerStage: number;
	    stageLimits?: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new BoardQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pipelineId = source["pipelineId"];
	        this.filter = this.convertValues(source["filter"], ListQuery);
	        this.cardsPerStage = source["cardsPerStage"];
	        this.stageLimits = source["stageLimits"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CalendarFeed {
	    active: boolean;
	    createdAt?: string;
	    lastUsedAt?: string;
	    daysBack: number;
	    daysAhead: number;
	    timeZone: string;
	
	    static createFrom(source: any = {}) {
	        return new CalendarFeed(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.active = source["active"];
	        this.createdAt = source["createdAt"];
	        this.lastUsedAt = source["lastUsedAt"];
	        this.daysBack = source["daysBack"];
	        this.daysAhead = source["daysAhead"];
	        this.timeZone = source["timeZone"];
	    }
	}
	export class CalendarFeedToken {
	    feed: CalendarFeed;
	    token: string;
	    path: string;
	    url: string;
	
	    static createFrom(source: any = {}) {
	        return new CalendarFeedToken(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.feed = this.convertValues(source["feed"], CalendarFeed);
	        this.token = source["token"];
	        this.path = source["path"];
	        this.url = source["url"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ChangeEvent {
	    id: string;
	    topic: ChangeTopic;
	    recordId?: string;
	    change: ChangeKind;
	    version?: number;
	    actorId?: string;
	    parentType?: RecordType;
	    parentId?: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new ChangeEvent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.topic = source["topic"];
	        this.recordId = source["recordId"];
	        this.change = source["change"];
	        this.version = source["version"];
	        this.actorId = source["actorId"];
	        this.parentType = source["parentType"];
	        this.parentId = source["parentId"];
	        this.at = source["at"];
	    }
	}
	export class ContactPoint {
	    value: string;
	    kind: ContactKind;
	
	    static createFrom(source: any = {}) {
	        return new ContactPoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.value = source["value"];
	        this.kind = source["kind"];
	    }
	}
	export class ConvertDeal {
	    pipelineId: string;
	    stageId: string;
	    title: string;
	    value: string;
	    custom: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new ConvertDeal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.title = source["title"];
	        this.value = source["value"];
	        this.custom = source["custom"];
	    }
	}
	export class ConvertTarget {
	    mode: ConvertMode;
	    existingId: string;
	    custom: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new ConvertTarget(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.mode = source["mode"];
	        this.existingId = source["existingId"];
	        this.custom = source["custom"];
	    }
	}
	
	export class CustomField {
	    id: string;
	    recordType: RecordType;
	    label: string;
	    kind: FieldKind;
	    required: boolean;
	    position: number;
	    archived: boolean;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new CustomField(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.recordType = source["recordType"];
	        this.label = source["label"];
	        this.kind = source["kind"];
	        this.required = source["required"];
	        this.position = source["position"];
	        this.archived = source["archived"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class CustomFieldCreate {
	    recordType: RecordType;
	    label: string;
	    kind: FieldKind;
	    required: boolean;
	    position: number;
	
	    static createFrom(source: any = {}) {
	        return new CustomFieldCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordType = source["recordType"];
	        this.label = source["label"];
	        this.kind = source["kind"];
	        this.required = source["required"];
	        this.position = source["position"];
	    }
	}
	export class CustomFieldList {
	    items: CustomField[];
	
	    static createFrom(source: any = {}) {
	        return new CustomFieldList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], CustomField);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CustomFieldPatch {
	    label?: string;
	    required?: boolean;
	    position?: number;
	    archived?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new CustomFieldPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.label = source["label"];
	        this.required = source["required"];
	        this.position = source["position"];
	        this.archived = source["archived"];
	    }
	}
	export class RepPipeline {
	    userId: string;
	    userName: string;
	    stages: Figure[];
	    total: Figure;
	
	    static createFrom(source: any = {}) {
	        return new RepPipeline(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.userId = source["userId"];
	        this.userName = source["userName"];
	        this.stages = this.convertValues(source["stages"], Figure);
	        this.total = this.convertValues(source["total"], Figure);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NextSteps {
	    activities: Activity[];
	    open: ActivityFigure;
	    dealsWithoutActivity: Figure;
	    deals: Deal[];
	
	    static createFrom(source: any = {}) {
	        return new NextSteps(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.activities = this.convertValues(source["activities"], Activity);
	        this.open = this.convertValues(source["open"], ActivityFigure);
	        this.dealsWithoutActivity = this.convertValues(source["dealsWithoutActivity"], Figure);
	        this.deals = this.convertValues(source["deals"], Deal);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UserActivities {
	    userId: string;
	    userName: string;
	    done: ActivityFigure;
	
	    static createFrom(source: any = {}) {
	        return new UserActivities(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.userId = source["userId"];
	        this.userName = source["userName"];
	        this.done = this.convertValues(source["done"], ActivityFigure);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadResult {
	    from: string;
	    to: string;
	    converted: Figure;
	    lost: Figure;
	    conversionRate?: number;
	
	    static createFrom(source: any = {}) {
	        return new LeadResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.converted = this.convertValues(source["converted"], Figure);
	        this.lost = this.convertValues(source["lost"], Figure);
	        this.conversionRate = source["conversionRate"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Figure {
	    count: number;
	    value: string;
	    query: ListQuery;
	
	    static createFrom(source: any = {}) {
	        return new Figure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.value = source["value"];
	        this.query = this.convertValues(source["query"], ListQuery);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PeriodResult {
	    from: string;
	    to: string;
	    won: Figure;
	    lost: Figure;
	    winRate?: number;
	
	    static createFrom(source: any = {}) {
	        return new PeriodResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.won = this.convertValues(source["won"], Figure);
	        this.lost = this.convertValues(source["lost"], Figure);
	        this.winRate = source["winRate"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FunnelStage {
	    stageId: string;
	    name: string;
	    probability: number;
	    count: number;
	    value: string;
	    weighted: string;
	    query: ListQuery;
	
	    static createFrom(source: any = {}) {
	        return new FunnelStage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.stageId = source["stageId"];
	        this.name = source["name"];
	        this.probability = source["probability"];
	        this.count = source["count"];
	        this.value = source["value"];
	        this.weighted = source["weighted"];
	        this.query = this.convertValues(source["query"], ListQuery);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Dashboard {
	    scope: DashboardScope;
	    scopes: string[];
	    pipelineId: string;
	    pipelineName: string;
	    funnel: FunnelStage[];
	    month: PeriodResult;
	    quarter: PeriodResult;
	    leads: LeadResult;
	    dueToday: ActivityFigure;
	    overdue: ActivityFigure;
	    doneThisWeek: UserActivities[];
	    closingSoon: Figure;
	    nextSteps: NextSteps;
	    pipelineByRep: RepPipeline[];
	    generatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Dashboard(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.scope = source["scope"];
	        this.scopes = source["scopes"];
	        this.pipelineId = source["pipelineId"];
	        this.pipelineName = source["pipelineName"];
	        this.funnel = this.convertValues(source["funnel"], FunnelStage);
	        this.month = this.convertValues(source["month"], PeriodResult);
	        this.quarter = this.convertValues(source["quarter"], PeriodResult);
	        this.leads = this.convertValues(source["leads"], LeadResult);
	        this.dueToday = this.convertValues(source["dueToday"], ActivityFigure);
	        this.overdue = this.convertValues(source["overdue"], ActivityFigure);
	        this.doneThisWeek = this.convertValues(source["doneThisWeek"], UserActivities);
	        this.closingSoon = this.convertValues(source["closingSoon"], Figure);
	        this.nextSteps = this.convertValues(source["nextSteps"], NextSteps);
	        this.pipelineByRep = this.convertValues(source["pipelineByRep"], RepPipeline);
	        this.generatedAt = source["generatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DashboardQuery {
	    scope: DashboardScope;
	    pipelineId: string;
	
	    static createFrom(source: any = {}) {
	        return new DashboardQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.scope = source["scope"];
	        this.pipelineId = source["pipelineId"];
	    }
	}
	
	export class DealCreate {
	    title: string;
	    value: string;
	    currency: string;
	    ownerId: string;
	    expectedCloseDate: string;
	    personId: string;
	    organizationId: string;
	    pipelineId: string;
	    stageId: string;
	    custom: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new DealCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.value = source["value"];
	        this.currency = source["currency"];
	        this.ownerId = source["ownerId"];
	        this.expectedCloseDate = source["expectedCloseDate"];
	        this.personId = source["personId"];
	        this.organizationId = source["organizationId"];
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.custom = source["custom"];
	    }
	}
	export class DealPage {
	    items: Deal[];
	    nextCursor: string;
	    total: number;
	    totalCapped: boolean;
	
	    static createFrom(source: any = {}) {
	        return new DealPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Deal);
	        this.nextCursor = source["nextCursor"];
	        this.total = source["total"];
	        this.totalCapped = source["totalCapped"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DealPatch {
	    title?: string;
	    value?: string;
	    currency?: string;
	    ownerId?: string;
	    expectedCloseDate?: string;
	    personId?: string;
	    organizationId?: string;
	    pipelineId?: string;
	    stageId?: string;
	    status?: DealStatus;
	    lostReasonId?: string;
	    lostComment?: string;
	    custom?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new DealPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.value = source["value"];
	        this.currency = source["currency"];
	        this.ownerId = source["ownerId"];
	        this.expectedCloseDate = source["expectedCloseDate"];
	        this.personId = source["personId"];
	        this.organizationId = source["organizationId"];
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.status = source["status"];
	        this.lostReasonId = source["lostReasonId"];
	        this.lostComment = source["lostComment"];
	        this.custom = source["custom"];
	    }
	}
	export class DeviceSession {
	    id: string;
	    current: boolean;
	    appVersion: string;
	    os: string;
	    network: string;
	    createdAt: string;
	    lastUsedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new DeviceSession(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.current = source["current"];
	        this.appVersion = source["appVersion"];
	        this.os = source["os"];
	        this.network = source["network"];
	        this.createdAt = source["createdAt"];
	        this.lastUsedAt = source["lastUsedAt"];
	    }
	}
	export class DeviceSessionList {
	    items: DeviceSession[];
	
	    static createFrom(source: any = {}) {
	        return new DeviceSessionList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], DeviceSession);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Document {
	    id: string;
	    recordType: RecordType;
	    recordId: string;
	    fileName: string;
	    contentType: string;
	    size: number;
	    sha256: string;
	    uploadedById: string;
	    uploadedByName: string;
	    canDelete: boolean;
	    version: number;
	    createdAt: string;
	    deletedAt?: string;
	
	    static createFrom(source: any = {}) {
	        return new Document(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.recordType = source["recordType"];
	        this.recordId = source["recordId"];
	        this.fileName = source["fileName"];
	        this.contentType = source["contentType"];
	        this.size = source["size"];
	        this.sha256 = source["sha256"];
	        this.uploadedById = source["uploadedById"];
	        this.uploadedByName = source["uploadedByName"];
	        this.canDelete = source["canDelete"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.deletedAt = source["deletedAt"];
	    }
	}
	export class DocumentList {
	    items: Document[];
	
	    static createFrom(source: any = {}) {
	        return new DocumentList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Document);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Export {
	    id: string;
	    userId: string;
	    userName: string;
	    recordType: RecordType;
	    format: ExportFormat;
	    filter: string;
	    columns: string[];
	    rows: number;
	    durationMs: number;
	    completed: boolean;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Export(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.userId = source["userId"];
	        this.userName = source["userName"];
	        this.recordType = source["recordType"];
	        this.format = source["format"];
	        this.filter = source["filter"];
	        this.columns = source["columns"];
	        this.rows = source["rows"];
	        this.durationMs = source["durationMs"];
	        this.completed = source["completed"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class ExportOptions {
	    columns: string[];
	    format: ExportFormat;
	    csvStyle: CSVStyle;
	    language: Language;
	
	    static createFrom(source: any = {}) {
	        return new ExportOptions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.columns = source["columns"];
	        this.format = source["format"];
	        this.csvStyle = source["csvStyle"];
	        this.language = source["language"];
	    }
	}
	export class ExportPage {
	    items: Export[];
	    nextCursor: string;
	
	    static createFrom(source: any = {}) {
	        return new ExportPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Export);
	        this.nextCursor = source["nextCursor"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FieldChange {
	    field: string;
	    label: string;
	    old: string;
	    new: string;
	    recordType?: RecordType;
	    oldHidden?: boolean;
	    newHidden?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FieldChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.label = source["label"];
	        this.old = source["old"];
	        this.new = source["new"];
	        this.recordType = source["recordType"];
	        this.oldHidden = source["oldHidden"];
	        this.newHidden = source["newHidden"];
	    }
	}
	export class FieldMapping {
	    leadField: string;
	    target: RecordType;
	    targetField: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldMapping(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.leadField = source["leadField"];
	        this.target = source["target"];
	        this.targetField = source["targetField"];
	    }
	}
	export class FieldMappingList {
	    items: FieldMapping[];
	
	    static createFrom(source: any = {}) {
	        return new FieldMappingList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], FieldMapping);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class GeocodeResult {
	    query: string;
	    label: string;
	    position: Position;
	
	    static createFrom(source: any = {}) {
	        return new GeocodeResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.query = source["query"];
	        this.label = source["label"];
	        this.position = this.convertValues(source["position"], Position);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Grant {
	    recordType: RecordType;
	    action: Action;
	    scope: Scope;
	
	    static createFrom(source: any = {}) {
	        return new Grant(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordType = source["recordType"];
	        this.action = source["action"];
	        this.scope = source["scope"];
	    }
	}
	export class HistoryEntry {
	    id: string;
	    action: HistoryAction;
	    changes: FieldChange[];
	    actorId: string;
	    actorName: string;
	    source?: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new HistoryEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.action = source["action"];
	        this.changes = this.convertValues(source["changes"], FieldChange);
	        this.actorId = source["actorId"];
	        this.actorName = source["actorName"];
	        this.source = source["source"];
	        this.at = source["at"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class HistoryList {
	    items: HistoryEntry[];
	
	    static createFrom(source: any = {}) {
	        return new HistoryList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], HistoryEntry);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportDuplicates {
	    target: string;
	    action: ImportDuplicateAction;
	
	    static createFrom(source: any = {}) {
	        return new ImportDuplicates(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.target = source["target"];
	        this.action = source["action"];
	    }
	}
	export class ImportMapping {
	    column: number;
	    target: string;
	    number: ImportNumberFormat;
	    date: ImportDateFormat;
	
	    static createFrom(source: any = {}) {
	        return new ImportMapping(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.column = source["column"];
	        this.target = source["target"];
	        this.number = source["number"];
	        this.date = source["date"];
	    }
	}
	export class ImportSettings {
	    columns: ImportMapping[];
	    duplicates: ImportDuplicates;
	    ownerId: string;
	    pipelineId: string;
	    stageId: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.columns = this.convertValues(source["columns"], ImportMapping);
	        this.duplicates = this.convertValues(source["duplicates"], ImportDuplicates);
	        this.ownerId = source["ownerId"];
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportField {
	    target: string;
	    label: string;
	    recordType: RecordType;
	    kind: ImportValueKind;
	    required: boolean;
	    duplicates: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportField(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.target = source["target"];
	        this.label = source["label"];
	        this.recordType = source["recordType"];
	        this.kind = source["kind"];
	        this.required = source["required"];
	        this.duplicates = source["duplicates"];
	    }
	}
	export class ImportColumn {
	    index: number;
	    header: string;
	    samples: string[];
	    target: string;
	    number: ImportNumberFormat;
	    date: ImportDateFormat;
	
	    static createFrom(source: any = {}) {
	        return new ImportColumn(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.index = source["index"];
	        this.header = source["header"];
	        this.samples = source["samples"];
	        this.target = source["target"];
	        this.number = source["number"];
	        this.date = source["date"];
	    }
	}
	export class ImportAnalysis {
	    id: string;
	    recordType: RecordType;
	    fileName: string;
	    format: ImportFileFormat;
	    encoding: ImportEncoding;
	    delimiter: string;
	    sheet: string;
	    sheets: string[];
	    headerRow: number;
	    rows: number;
	    columns: ImportColumn[];
	    fields: ImportField[];
	    suggested: ImportSettings;
	    expiresAt: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportAnalysis(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.recordType = source["recordType"];
	        this.fileName = source["fileName"];
	        this.format = source["format"];
	        this.encoding = source["encoding"];
	        this.delimiter = source["delimiter"];
	        this.sheet = source["sheet"];
	        this.sheets = source["sheets"];
	        this.headerRow = source["headerRow"];
	        this.rows = source["rows"];
	        this.columns = this.convertValues(source["columns"], ImportColumn);
	        this.fields = this.convertValues(source["fields"], ImportField);
	        this.suggested = this.convertValues(source["suggested"], ImportSettings);
	        this.expiresAt = source["expiresAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportCell {
	    column: number;
	    target: string;
	    value: string;
	    error?: FieldCode;
	
	    static createFrom(source: any = {}) {
	        return new ImportCell(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.column = source["column"];
	        this.target = source["target"];
	        this.value = source["value"];
	        this.error = source["error"];
	    }
	}
	
	
	
	export class ImportJob {
	    id: string;
	    recordType: RecordType;
	    fileName: string;
	    format: ImportFileFormat;
	    status: ImportStatus;
	    rows: number;
	    rowsDone: number;
	    rowsPerSecond: number;
	    secondsLeft: number;
	    created: number;
	    updated: number;
	    skipped: number;
	    failed: number;
	    errorCode?: ErrorCode;
	    createdById: string;
	    createdByName: string;
	    canUndo: boolean;
	    createdAt: string;
	    startedAt?: string;
	    finishedAt?: string;
	    undoneAt?: string;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportJob(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.recordType = source["recordType"];
	        this.fileName = source["fileName"];
	        this.format = source["format"];
	        this.status = source["status"];
	        this.rows = source["rows"];
	        this.rowsDone = source["rowsDone"];
	        this.rowsPerSecond = source["rowsPerSecond"];
	        this.secondsLeft = source["secondsLeft"];
	        this.created = source["created"];
	        this.updated = source["updated"];
	        this.skipped = source["skipped"];
	        this.failed = source["failed"];
	        this.errorCode = source["errorCode"];
	        this.createdById = source["createdById"];
	        this.createdByName = source["createdByName"];
	        this.canUndo = source["canUndo"];
	        this.createdAt = source["createdAt"];
	        this.startedAt = source["startedAt"];
	        this.finishedAt = source["finishedAt"];
	        this.undoneAt = source["undoneAt"];
	        this.version = source["version"];
	    }
	}
	export class ImportJobList {
	    items: ImportJob[];
	
	    static createFrom(source: any = {}) {
	        return new ImportJobList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], ImportJob);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ImportPreviewRow {
	    row: number;
	    outcome: ImportOutcome;
	    cells: ImportCell[];
	    errors?: Record<string, string>;
	    matchId?: string;
	    matchName?: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportPreviewRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.row = source["row"];
	        this.outcome = source["outcome"];
	        this.cells = this.convertValues(source["cells"], ImportCell);
	        this.errors = source["errors"];
	        this.matchId = source["matchId"];
	        this.matchName = source["matchName"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ImportPreview {
	    rows: ImportPreviewRow[];
	
	    static createFrom(source: any = {}) {
	        return new ImportPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = this.convertValues(source["rows"], ImportPreviewRow);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ImportReadOptions {
	    sheet: string;
	    headerRow: number;
	    encoding: ImportEncoding;
	    delimiter: string;
	
	    static createFrom(source: any = {}) {
	        return new ImportReadOptions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.sheet = source["sheet"];
	        this.headerRow = source["headerRow"];
	        this.encoding = source["encoding"];
	        this.delimiter = source["delimiter"];
	    }
	}
	
	export class ImportUndoResult {
	    job: ImportJob;
	    trashed: number;
	    reverted: number;
	    kept: number;
	    gone: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportUndoResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.job = this.convertValues(source["job"], ImportJob);
	        this.trashed = source["trashed"];
	        this.reverted = source["reverted"];
	        this.kept = source["kept"];
	        this.gone = source["gone"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class IntakeItemResult {
	    index: number;
	    externalId: string;
	    status: IntakeItemStatus;
	    leadId?: string;
	    fields?: Record<string, string>;
	    possibleDuplicate?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new IntakeItemResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.index = source["index"];
	        this.externalId = source["externalId"];
	        this.status = source["status"];
	        this.leadId = source["leadId"];
	        this.fields = source["fields"];
	        this.possibleDuplicate = source["possibleDuplicate"];
	    }
	}
	export class Invitation {
	    id: string;
	    email: string;
	    name: string;
	    unitId: string;
	    roleId: string;
	    invitedBy: string;
	    invitedByName: string;
	    sentAt: string;
	    expiresAt: string;
	    expired: boolean;
	    version: number;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Invitation(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.email = source["email"];
	        this.name = source["name"];
	        this.unitId = source["unitId"];
	        this.roleId = source["roleId"];
	        this.invitedBy = source["invitedBy"];
	        this.invitedByName = source["invitedByName"];
	        this.sentAt = source["sentAt"];
	        this.expiresAt = source["expiresAt"];
	        this.expired = source["expired"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class InvitationCreate {
	    email: string;
	    name: string;
	    unitId: string;
	    roleId: string;
	
	    static createFrom(source: any = {}) {
	        return new InvitationCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.email = source["email"];
	        this.name = source["name"];
	        this.unitId = source["unitId"];
	        this.roleId = source["roleId"];
	    }
	}
	export class InvitationList {
	    items: Invitation[];
	
	    static createFrom(source: any = {}) {
	        return new InvitationList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Invitation);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class LeadConversion {
	    lead: Lead;
	    personId: string;
	    organizationId: string;
	    dealId: string;
	
	    static createFrom(source: any = {}) {
	        return new LeadConversion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.lead = this.convertValues(source["lead"], Lead);
	        this.personId = source["personId"];
	        this.organizationId = source["organizationId"];
	        this.dealId = source["dealId"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadConvert {
	    person: ConvertTarget;
	    organization: ConvertTarget;
	    deal?: ConvertDeal;
	
	    static createFrom(source: any = {}) {
	        return new LeadConvert(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.person = this.convertValues(source["person"], ConvertTarget);
	        this.organization = this.convertValues(source["organization"], ConvertTarget);
	        this.deal = this.convertValues(source["deal"], ConvertDeal);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadCreate {
	    title: string;
	    personName: string;
	    company: string;
	    email: string;
	    phone: string;
	    address: Address;
	    source: string;
	    ownerId: string;
	    pipelineId: string;
	    stageId: string;
	    custom: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new LeadCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.personName = source["personName"];
	        this.company = source["company"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.address = this.convertValues(source["address"], Address);
	        this.source = source["source"];
	        this.ownerId = source["ownerId"];
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.custom = source["custom"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadDelivery {
	    id: string;
	    at: string;
	    status: number;
	    code: ErrorCode;
	    items: number;
	    created: number;
	    updated: number;
	    unchanged: number;
	    rejected: number;
	    durationMs: number;
	    rejections: IntakeItemResult[];
	
	    static createFrom(source: any = {}) {
	        return new LeadDelivery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = source["at"];
	        this.status = source["status"];
	        this.code = source["code"];
	        this.items = source["items"];
	        this.created = source["created"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.rejected = source["rejected"];
	        this.durationMs = source["durationMs"];
	        this.rejections = this.convertValues(source["rejections"], IntakeItemResult);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadDeliveryList {
	    items: LeadDelivery[];
	
	    static createFrom(source: any = {}) {
	        return new LeadDeliveryList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], LeadDelivery);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class Organization {
	    id: string;
	    name: string;
	    address: Address;
	    phone: string;
	    email: string;
	    website: string;
	    industry: string;
	    ownerId: string;
	    ownerName: string;
	    personCount: number;
	    custom: Record<string, string>;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	    position?: Position;
	    distanceKm?: number;
	
	    static createFrom(source: any = {}) {
	        return new Organization(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.address = this.convertValues(source["address"], Address);
	        this.phone = source["phone"];
	        this.email = source["email"];
	        this.website = source["website"];
	        this.industry = source["industry"];
	        this.ownerId = source["ownerId"];
	        this.ownerName = source["ownerName"];
	        this.personCount = source["personCount"];
	        this.custom = source["custom"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.position = this.convertValues(source["position"], Position);
	        this.distanceKm = source["distanceKm"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PlacedVia {
	    organizationId: string;
	    organizationName: string;
	    address: Address;
	    position?: Position;
	
	    static createFrom(source: any = {}) {
	        return new PlacedVia(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.organizationId = source["organizationId"];
	        this.organizationName = source["organizationName"];
	        this.address = this.convertValues(source["address"], Address);
	        this.position = this.convertValues(source["position"], Position);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Membership {
	    organizationId: string;
	    organizationName: string;
	    personId: string;
	    personName: string;
	    role: string;
	    primary: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Membership(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.organizationId = source["organizationId"];
	        this.organizationName = source["organizationName"];
	        this.personId = source["personId"];
	        this.personName = source["personName"];
	        this.role = source["role"];
	        this.primary = source["primary"];
	    }
	}
	export class Person {
	    id: string;
	    salutation: Salutation;
	    title: string;
	    firstName: string;
	    lastName: string;
	    name: string;
	    jobTitle: string;
	    emails: ContactPoint[];
	    phones: ContactPoint[];
	    address: Address;
	    ownerId: string;
	    ownerName: string;
	    organizations: Membership[];
	    custom: Record<string, string>;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	    position?: Position;
	    via?: PlacedVia;
	    distanceKm?: number;
	
	    static createFrom(source: any = {}) {
	        return new Person(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.salutation = source["salutation"];
	        this.title = source["title"];
	        this.firstName = source["firstName"];
	        this.lastName = source["lastName"];
	        this.name = source["name"];
	        this.jobTitle = source["jobTitle"];
	        this.emails = this.convertValues(source["emails"], ContactPoint);
	        this.phones = this.convertValues(source["phones"], ContactPoint);
	        this.address = this.convertValues(source["address"], Address);
	        this.ownerId = source["ownerId"];
	        this.ownerName = source["ownerName"];
	        this.organizations = this.convertValues(source["organizations"], Membership);
	        this.custom = source["custom"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.position = this.convertValues(source["position"], Position);
	        this.via = this.convertValues(source["via"], PlacedVia);
	        this.distanceKm = source["distanceKm"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadMatches {
	    persons: Person[];
	    organizations: Organization[];
	
	    static createFrom(source: any = {}) {
	        return new LeadMatches(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.persons = this.convertValues(source["persons"], Person);
	        this.organizations = this.convertValues(source["organizations"], Organization);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadPage {
	    items: Lead[];
	    nextCursor: string;
	    total: number;
	    totalCapped: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LeadPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Lead);
	        this.nextCursor = source["nextCursor"];
	        this.total = source["total"];
	        this.totalCapped = source["totalCapped"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadPatch {
	    title?: string;
	    personName?: string;
	    company?: string;
	    email?: string;
	    phone?: string;
	    address?: Address;
	    source?: string;
	    ownerId?: string;
	    pipelineId?: string;
	    stageId?: string;
	    status?: LeadStatus;
	    lostReasonId?: string;
	    lostComment?: string;
	    custom?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new LeadPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.personName = source["personName"];
	        this.company = source["company"];
	        this.email = source["email"];
	        this.phone = source["phone"];
	        this.address = this.convertValues(source["address"], Address);
	        this.source = source["source"];
	        this.ownerId = source["ownerId"];
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.status = source["status"];
	        this.lostReasonId = source["lostReasonId"];
	        this.lostComment = source["lostComment"];
	        this.custom = source["custom"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadPreviewItem {
	    externalId: string;
	    fields: Record<string, string>;
	    lead: Lead;
	
	    static createFrom(source: any = {}) {
	        return new LeadPreviewItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.externalId = source["externalId"];
	        this.fields = source["fields"];
	        this.lead = this.convertValues(source["lead"], Lead);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class SourceFieldMapping {
	    from: string;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new SourceFieldMapping(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	    }
	}
	export class LeadSource {
	    id: string;
	    name: string;
	    active: boolean;
	    pipelineId: string;
	    stageId: string;
	    fallbackOwnerId: string;
	    fallbackOwnerName: string;
	    mapping: SourceFieldMapping[];
	    rules: AssignmentRule[];
	    signed: boolean;
	    rateLimit: number;
	    lastDeliveryAt?: string;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new LeadSource(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.active = source["active"];
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.fallbackOwnerId = source["fallbackOwnerId"];
	        this.fallbackOwnerName = source["fallbackOwnerName"];
	        this.mapping = this.convertValues(source["mapping"], SourceFieldMapping);
	        this.rules = this.convertValues(source["rules"], AssignmentRule);
	        this.signed = source["signed"];
	        this.rateLimit = source["rateLimit"];
	        this.lastDeliveryAt = source["lastDeliveryAt"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadSourceCreate {
	    name: string;
	    active: boolean;
	    pipelineId: string;
	    stageId: string;
	    fallbackOwnerId: string;
	    mapping: SourceFieldMapping[];
	    rules: AssignmentRule[];
	    rateLimit: number;
	
	    static createFrom(source: any = {}) {
	        return new LeadSourceCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.active = source["active"];
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.fallbackOwnerId = source["fallbackOwnerId"];
	        this.mapping = this.convertValues(source["mapping"], SourceFieldMapping);
	        this.rules = this.convertValues(source["rules"], AssignmentRule);
	        this.rateLimit = source["rateLimit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadSourceKey {
	    id: string;
	    prefix: string;
	    createdAt: string;
	    createdByName: string;
	    lastUsedAt?: string;
	    revokedAt?: string;
	
	    static createFrom(source: any = {}) {
	        return new LeadSourceKey(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.prefix = source["prefix"];
	        this.createdAt = source["createdAt"];
	        this.createdByName = source["createdByName"];
	        this.lastUsedAt = source["lastUsedAt"];
	        this.revokedAt = source["revokedAt"];
	    }
	}
	export class LeadSourceKeyCreated {
	    key: LeadSourceKey;
	    secret: string;
	
	    static createFrom(source: any = {}) {
	        return new LeadSourceKeyCreated(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = this.convertValues(source["key"], LeadSourceKey);
	        this.secret = source["secret"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadSourceKeyList {
	    items: LeadSourceKey[];
	
	    static createFrom(source: any = {}) {
	        return new LeadSourceKeyList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], LeadSourceKey);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadSourceList {
	    items: LeadSource[];
	
	    static createFrom(source: any = {}) {
	        return new LeadSourceList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], LeadSource);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadSourcePatch {
	    name?: string;
	    active?: boolean;
	    pipelineId?: string;
	    stageId?: string;
	    fallbackOwnerId?: string;
	    mapping?: SourceFieldMapping[];
	    rules?: AssignmentRule[];
	    rateLimit?: number;
	
	    static createFrom(source: any = {}) {
	        return new LeadSourcePatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.active = source["active"];
	        this.pipelineId = source["pipelineId"];
	        this.stageId = source["stageId"];
	        this.fallbackOwnerId = source["fallbackOwnerId"];
	        this.mapping = this.convertValues(source["mapping"], SourceFieldMapping);
	        this.rules = this.convertValues(source["rules"], AssignmentRule);
	        this.rateLimit = source["rateLimit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadSourcePreview {
	    items: LeadPreviewItem[];
	
	    static createFrom(source: any = {}) {
	        return new LeadSourcePreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], LeadPreviewItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LeadSourcePreviewRequest {
	    payload: string;
	
	    static createFrom(source: any = {}) {
	        return new LeadSourcePreviewRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.payload = source["payload"];
	    }
	}
	
	export class ListTotal {
	    total: number;
	    totalCapped: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ListTotal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.totalCapped = source["totalCapped"];
	    }
	}
	export class LostReason {
	    id: string;
	    recordType: RecordType;
	    name: string;
	    description: string;
	    archived: boolean;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new LostReason(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.recordType = source["recordType"];
	        this.name = source["name"];
	        this.description = source["description"];
	        this.archived = source["archived"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class LostReasonCreate {
	    recordType: RecordType;
	    name: string;
	    description: string;
	
	    static createFrom(source: any = {}) {
	        return new LostReasonCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordType = source["recordType"];
	        this.name = source["name"];
	        this.description = source["description"];
	    }
	}
	export class LostReasonList {
	    items: LostReason[];
	
	    static createFrom(source: any = {}) {
	        return new LostReasonList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], LostReason);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LostReasonPatch {
	    name?: string;
	    description?: string;
	    archived?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new LostReasonPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	        this.archived = source["archived"];
	    }
	}
	export class MapMarker {
	    id: string;
	    name: string;
	    lat: number;
	    lng: number;
	    precision: Precision;
	    placedAt?: PlacedAt;
	    viaId?: string;
	    viaName?: string;
	    distanceKm?: number;
	
	    static createFrom(source: any = {}) {
	        return new MapMarker(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.lat = source["lat"];
	        this.lng = source["lng"];
	        this.precision = source["precision"];
	        this.placedAt = source["placedAt"];
	        this.viaId = source["viaId"];
	        this.viaName = source["viaName"];
	        this.distanceKm = source["distanceKm"];
	    }
	}
	export class Unit {
	    id: string;
	    name: string;
	    parentId?: string;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Unit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.parentId = source["parentId"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class Role {
	    id: string;
	    name: string;
	    isAdmin: boolean;
	    grants: Grant[];
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Role(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.isAdmin = source["isAdmin"];
	        this.grants = this.convertValues(source["grants"], Grant);
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Tenant {
	    id: string;
	    name: string;
	    plan: Plan;
	    storageBytesPerUser: number;
	    maxPipelines: number;
	
	    static createFrom(source: any = {}) {
	        return new Tenant(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.plan = source["plan"];
	        this.storageBytesPerUser = source["storageBytesPerUser"];
	        this.maxPipelines = source["maxPipelines"];
	    }
	}
	export class User {
	    id: string;
	    email: string;
	    name: string;
	    unitId: string;
	    roleId: string;
	    active: boolean;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new User(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.email = source["email"];
	        this.name = source["name"];
	        this.unitId = source["unitId"];
	        this.roleId = source["roleId"];
	        this.active = source["active"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class Me {
	    user: User;
	    tenant: Tenant;
	    role: Role;
	    unit: Unit;
	    defaultScope: DashboardScope;
	
	    static createFrom(source: any = {}) {
	        return new Me(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.user = this.convertValues(source["user"], User);
	        this.tenant = this.convertValues(source["tenant"], Tenant);
	        this.role = this.convertValues(source["role"], Role);
	        this.unit = this.convertValues(source["unit"], Unit);
	        this.defaultScope = source["defaultScope"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class MembershipInput {
	    organizationId: string;
	    role: string;
	    primary: boolean;
	
	    static createFrom(source: any = {}) {
	        return new MembershipInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.organizationId = source["organizationId"];
	        this.role = source["role"];
	        this.primary = source["primary"];
	    }
	}
	export class MembershipList {
	    items: Membership[];
	
	    static createFrom(source: any = {}) {
	        return new MembershipList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Membership);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class Note {
	    id: string;
	    recordType: RecordType;
	    recordId: string;
	    body: string;
	    authorId: string;
	    authorName: string;
	    canEdit: boolean;
	    canDelete: boolean;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new Note(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.recordType = source["recordType"];
	        this.recordId = source["recordId"];
	        this.body = source["body"];
	        this.authorId = source["authorId"];
	        this.authorName = source["authorName"];
	        this.canEdit = source["canEdit"];
	        this.canDelete = source["canDelete"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class NoteCreate {
	    body: string;
	
	    static createFrom(source: any = {}) {
	        return new NoteCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.body = source["body"];
	    }
	}
	export class NoteList {
	    items: Note[];
	
	    static createFrom(source: any = {}) {
	        return new NoteList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Note);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class NotePatch {
	    body?: string;
	
	    static createFrom(source: any = {}) {
	        return new NotePatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.body = source["body"];
	    }
	}
	export class Notification {
	    id: string;
	    kind: NotificationKind;
	    recordType: RecordType;
	    recordId: string;
	    recordName: string;
	    fileName?: string;
	    dueAt?: string;
	    actorName: string;
	    createdAt: string;
	    read: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Notification(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.recordType = source["recordType"];
	        this.recordId = source["recordId"];
	        this.recordName = source["recordName"];
	        this.fileName = source["fileName"];
	        this.dueAt = source["dueAt"];
	        this.actorName = source["actorName"];
	        this.createdAt = source["createdAt"];
	        this.read = source["read"];
	    }
	}
	export class NotificationCount {
	    unreadCount: number;
	
	    static createFrom(source: any = {}) {
	        return new NotificationCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.unreadCount = source["unreadCount"];
	    }
	}
	export class NotificationPage {
	    items: Notification[];
	    nextCursor: string;
	    unreadCount: number;
	
	    static createFrom(source: any = {}) {
	        return new NotificationPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Notification);
	        this.nextCursor = source["nextCursor"];
	        this.unreadCount = source["unreadCount"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class OrganizationCreate {
	    name: string;
	    address: Address;
	    phone: string;
	    email: string;
	    website: string;
	    industry: string;
	    ownerId: string;
	    custom: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new OrganizationCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.address = this.convertValues(source["address"], Address);
	        this.phone = source["phone"];
	        this.email = source["email"];
	        this.website = source["website"];
	        this.industry = source["industry"];
	        this.ownerId = source["ownerId"];
	        this.custom = source["custom"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OrganizationPage {
	    items: Organization[];
	    nextCursor: string;
	    total: number;
	    totalCapped: boolean;
	
	    static createFrom(source: any = {}) {
	        return new OrganizationPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Organization);
	        this.nextCursor = source["nextCursor"];
	        this.total = source["total"];
	        this.totalCapped = source["totalCapped"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OrganizationPatch {
	    name?: string;
	    address?: Address;
	    phone?: string;
	    email?: string;
	    website?: string;
	    industry?: string;
	    ownerId?: string;
	    custom?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new OrganizationPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.address = this.convertValues(source["address"], Address);
	        this.phone = source["phone"];
	        this.email = source["email"];
	        this.website = source["website"];
	        this.industry = source["industry"];
	        this.ownerId = source["ownerId"];
	        this.custom = source["custom"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PasswordChange {
	    currentPassword: string;
	    newPassword: string;
	
	    static createFrom(source: any = {}) {
	        return new PasswordChange(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.currentPassword = source["currentPassword"];
	        this.newPassword = source["newPassword"];
	    }
	}
	
	
	export class PersonCreate {
	    salutation: Salutation;
	    title: string;
	    firstName: string;
	    lastName: string;
	    jobTitle: string;
	    emails: ContactPoint[];
	    phones: ContactPoint[];
	    address: Address;
	    ownerId: string;
	    organizations: MembershipInput[];
	    custom: Record<string, string>;
	    allowDuplicate: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PersonCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.salutation = source["salutation"];
	        this.title = source["title"];
	        this.firstName = source["firstName"];
	        this.lastName = source["lastName"];
	        this.jobTitle = source["jobTitle"];
	        this.emails = this.convertValues(source["emails"], ContactPoint);
	        this.phones = this.convertValues(source["phones"], ContactPoint);
	        this.address = this.convertValues(source["address"], Address);
	        this.ownerId = source["ownerId"];
	        this.organizations = this.convertValues(source["organizations"], MembershipInput);
	        this.custom = source["custom"];
	        this.allowDuplicate = source["allowDuplicate"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PersonPage {
	    items: Person[];
	    nextCursor: string;
	    total: number;
	    totalCapped: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PersonPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Person);
	        this.nextCursor = source["nextCursor"];
	        this.total = source["total"];
	        this.totalCapped = source["totalCapped"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PersonPatch {
	    salutation?: Salutation;
	    title?: string;
	    firstName?: string;
	    lastName?: string;
	    jobTitle?: string;
	    emails?: ContactPoint[];
	    phones?: ContactPoint[];
	    address?: Address;
	    ownerId?: string;
	    custom?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new PersonPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.salutation = source["salutation"];
	        this.title = source["title"];
	        this.firstName = source["firstName"];
	        this.lastName = source["lastName"];
	        this.jobTitle = source["jobTitle"];
	        this.emails = this.convertValues(source["emails"], ContactPoint);
	        this.phones = this.convertValues(source["phones"], ContactPoint);
	        this.address = this.convertValues(source["address"], Address);
	        this.ownerId = source["ownerId"];
	        this.custom = source["custom"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class StageInput {
	    id: string;
	    name: string;
	    probability: number;
	
	    static createFrom(source: any = {}) {
	        return new StageInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.probability = source["probability"];
	    }
	}
	export class PipelineCreate {
	    recordType: RecordType;
	    name: string;
	    stages: StageInput[];
	
	    static createFrom(source: any = {}) {
	        return new PipelineCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordType = source["recordType"];
	        this.name = source["name"];
	        this.stages = this.convertValues(source["stages"], StageInput);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PipelineList {
	    items: Pipeline[];
	
	    static createFrom(source: any = {}) {
	        return new PipelineList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Pipeline);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PipelinePatch {
	    name?: string;
	    stages?: StageInput[];
	    moveTo?: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new PipelinePatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.stages = this.convertValues(source["stages"], StageInput);
	        this.moveTo = source["moveTo"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	export class PresenceUser {
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new PresenceUser(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class PresenceList {
	    items: PresenceUser[];
	
	    static createFrom(source: any = {}) {
	        return new PresenceList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], PresenceUser);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class RecordMap {
	    items: MapMarker[];
	    truncated: boolean;
	
	    static createFrom(source: any = {}) {
	        return new RecordMap(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], MapMarker);
	        this.truncated = source["truncated"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RecoveryCodes {
	    codes: string[];
	
	    static createFrom(source: any = {}) {
	        return new RecoveryCodes(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.codes = source["codes"];
	    }
	}
	
	
	export class RoleCreate {
	    name: string;
	    isAdmin: boolean;
	    grants: Grant[];
	
	    static createFrom(source: any = {}) {
	        return new RoleCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.isAdmin = source["isAdmin"];
	        this.grants = this.convertValues(source["grants"], Grant);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RoleList {
	    items: Role[];
	
	    static createFrom(source: any = {}) {
	        return new RoleList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Role);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RolePatch {
	    name?: string;
	    isAdmin?: boolean;
	    grants?: Grant[];
	
	    static createFrom(source: any = {}) {
	        return new RolePatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.isAdmin = source["isAdmin"];
	        this.grants = this.convertValues(source["grants"], Grant);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SSOSettings {
	    configured: boolean;
	    enabled: boolean;
	    issuer: string;
	    clientId: string;
	    clientSecretSet: boolean;
	    domains: string[];
	    defaultUnitId: string;
	    defaultRoleId: string;
	    passwordDisabled: boolean;
	    redirectUri: string;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new SSOSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.configured = source["configured"];
	        this.enabled = source["enabled"];
	        this.issuer = source["issuer"];
	        this.clientId = source["clientId"];
	        this.clientSecretSet = source["clientSecretSet"];
	        this.domains = source["domains"];
	        this.defaultUnitId = source["defaultUnitId"];
	        this.defaultRoleId = source["defaultRoleId"];
	        this.passwordDisabled = source["passwordDisabled"];
	        this.redirectUri = source["redirectUri"];
	        this.version = source["version"];
	    }
	}
	export class SSOSettingsInput {
	    enabled: boolean;
	    issuer: string;
	    clientId: string;
	    clientSecret?: string;
	    domains: string[];
	    defaultUnitId: string;
	    defaultRoleId: string;
	    passwordDisabled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SSOSettingsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.enabled = source["enabled"];
	        this.issuer = source["issuer"];
	        this.clientId = source["clientId"];
	        this.clientSecret = source["clientSecret"];
	        this.domains = source["domains"];
	        this.defaultUnitId = source["defaultUnitId"];
	        this.defaultRoleId = source["defaultRoleId"];
	        this.passwordDisabled = source["passwordDisabled"];
	    }
	}
	export class SavedFilter {
	    id: string;
	    recordType: RecordType;
	    name: string;
	    query: ListQuery;
	    shared: boolean;
	    ownerId: string;
	    ownerName: string;
	    version: number;
	    createdAt: string;
	    updatedAt: string;
	
	    static createFrom(source: any = {}) {
	        return new SavedFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.recordType = source["recordType"];
	        this.name = source["name"];
	        this.query = this.convertValues(source["query"], ListQuery);
	        this.shared = source["shared"];
	        this.ownerId = source["ownerId"];
	        this.ownerName = source["ownerName"];
	        this.version = source["version"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SavedFilterCreate {
	    recordType: RecordType;
	    name: string;
	    query: ListQuery;
	    shared: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SavedFilterCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordType = source["recordType"];
	        this.name = source["name"];
	        this.query = this.convertValues(source["query"], ListQuery);
	        this.shared = source["shared"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SavedFilterList {
	    items: SavedFilter[];
	
	    static createFrom(source: any = {}) {
	        return new SavedFilterList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], SavedFilter);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SavedFilterPatch {
	    name?: string;
	    query?: ListQuery;
	    shared?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SavedFilterPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.query = this.convertValues(source["query"], ListQuery);
	        this.shared = source["shared"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SearchResult {
	    persons: Person[];
	    organizations: Organization[];
	
	    static createFrom(source: any = {}) {
	        return new SearchResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.persons = this.convertValues(source["persons"], Person);
	        this.organizations = this.convertValues(source["organizations"], Organization);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SecurityEvent {
	    action: SecurityAction;
	    actorId?: string;
	    at: string;
	
	    static createFrom(source: any = {}) {
	        return new SecurityEvent(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.action = source["action"];
	        this.actorId = source["actorId"];
	        this.at = source["at"];
	    }
	}
	export class ServerVersion {
	    version: string;
	    apiLevel: number;
	    minDesktopVersion?: string;
	    desktopDownloadUrl?: string;
	
	    static createFrom(source: any = {}) {
	        return new ServerVersion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.apiLevel = source["apiLevel"];
	        this.minDesktopVersion = source["minDesktopVersion"];
	        this.desktopDownloadUrl = source["desktopDownloadUrl"];
	    }
	}
	export class SetupChecklist {
	    offered: boolean;
	    done: string[];
	
	    static createFrom(source: any = {}) {
	        return new SetupChecklist(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.offered = source["offered"];
	        this.done = source["done"];
	    }
	}
	export class SigningSecret {
	    secret: string;
	
	    static createFrom(source: any = {}) {
	        return new SigningSecret(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.secret = source["secret"];
	    }
	}
	
	
	
	export class StorageUsage {
	    usedBytes: number;
	    reservedBytes: number;
	    limitBytes: number;
	
	    static createFrom(source: any = {}) {
	        return new StorageUsage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.usedBytes = source["usedBytes"];
	        this.reservedBytes = source["reservedBytes"];
	        this.limitBytes = source["limitBytes"];
	    }
	}
	export class SupportReceipt {
	    id: string;
	
	    static createFrom(source: any = {}) {
	        return new SupportReceipt(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	    }
	}
	export class TOTPCode {
	    code: string;
	
	    static createFrom(source: any = {}) {
	        return new TOTPCode(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	    }
	}
	export class TOTPEnrolment {
	    secret: string;
	    uri: string;
	    qrCode: string;
	
	    static createFrom(source: any = {}) {
	        return new TOTPEnrolment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.secret = source["secret"];
	        this.uri = source["uri"];
	        this.qrCode = source["qrCode"];
	    }
	}
	
	export class TenantSettings {
	    language: Language;
	    supportEmail: string;
	    twoFactorPolicy: TwoFactorPolicy;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new TenantSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.language = source["language"];
	        this.supportEmail = source["supportEmail"];
	        this.twoFactorPolicy = source["twoFactorPolicy"];
	        this.version = source["version"];
	    }
	}
	export class TenantSettingsInput {
	    language: Language;
	    supportEmail: string;
	    twoFactorPolicy?: TwoFactorPolicy;
	
	    static createFrom(source: any = {}) {
	        return new TenantSettingsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.language = source["language"];
	        this.supportEmail = source["supportEmail"];
	        this.twoFactorPolicy = source["twoFactorPolicy"];
	    }
	}
	export class TrashItem {
	    recordType: RecordType;
	    id: string;
	    name: string;
	    deletedAt: string;
	    deletedByName: string;
	    purgeAt: string;
	
	    static createFrom(source: any = {}) {
	        return new TrashItem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recordType = source["recordType"];
	        this.id = source["id"];
	        this.name = source["name"];
	        this.deletedAt = source["deletedAt"];
	        this.deletedByName = source["deletedByName"];
	        this.purgeAt = source["purgeAt"];
	    }
	}
	export class TrashList {
	    items: TrashItem[];
	
	    static createFrom(source: any = {}) {
	        return new TrashList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], TrashItem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TwoFactorStatus {
	    enabled: boolean;
	    enabledAt?: string;
	    recoveryCodesLeft: number;
	    required: boolean;
	    events?: SecurityEvent[];
	
	    static createFrom(source: any = {}) {
	        return new TwoFactorStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.enabled = source["enabled"];
	        this.enabledAt = source["enabledAt"];
	        this.recoveryCodesLeft = source["recoveryCodesLeft"];
	        this.required = source["required"];
	        this.events = this.convertValues(source["events"], SecurityEvent);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class UnitCreate {
	    name: string;
	    parentId: string;
	
	    static createFrom(source: any = {}) {
	        return new UnitCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.parentId = source["parentId"];
	    }
	}
	export class UnitList {
	    items: Unit[];
	
	    static createFrom(source: any = {}) {
	        return new UnitList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Unit);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UnitPatch {
	    name?: string;
	    parentId?: string;
	
	    static createFrom(source: any = {}) {
	        return new UnitPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.parentId = source["parentId"];
	    }
	}
	
	
	export class UserCreate {
	    email: string;
	    name: string;
	    password: string;
	    unitId: string;
	    roleId: string;
	
	    static createFrom(source: any = {}) {
	        return new UserCreate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.email = source["email"];
	        this.name = source["name"];
	        this.password = source["password"];
	        this.unitId = source["unitId"];
	        this.roleId = source["roleId"];
	    }
	}
	export class UserList {
	    items: User[];
	
	    static createFrom(source: any = {}) {
	        return new UserList(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], User);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class UserPatch {
	    name?: string;
	    unitId?: string;
	    roleId?: string;
	    active?: boolean;
	    password?: string;
	
	    static createFrom(source: any = {}) {
	        return new UserPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.unitId = source["unitId"];
	        this.roleId = source["roleId"];
	        this.active = source["active"];
	        this.password = source["password"];
	    }
	}

}

export namespace app {
	
	export enum LiveStatus {
	    Connected = "connected",
	    Reconnecting = "reconnecting",
	}
	export class ExportResult {
	    path: string;
	    fileName: string;
	    rows: number;
	    bytes: number;
	
	    static createFrom(source: any = {}) {
	        return new ExportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.fileName = source["fileName"];
	        this.rows = source["rows"];
	        this.bytes = source["bytes"];
	    }
	}
	export class LiveState {
	    status: LiveStatus;
	    lastChange?: api.ChangeEvent;
	
	    static createFrom(source: any = {}) {
	        return new LiveState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.status = source["status"];
	        this.lastChange = this.convertValues(source["lastChange"], api.ChangeEvent);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LoginInput {
	    serverUrl: string;
	    email: string;
	    password: string;
	
	    static createFrom(source: any = {}) {
	        return new LoginInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.serverUrl = source["serverUrl"];
	        this.email = source["email"];
	        this.password = source["password"];
	    }
	}
	export class MapConfig {
	    tileUrl: string;
	    tileAttribution: string;
	    tileSource: string;
	    gazetteerAttribution: string;
	
	    static createFrom(source: any = {}) {
	        return new MapConfig(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tileUrl = source["tileUrl"];
	        this.tileAttribution = source["tileAttribution"];
	        this.tileSource = source["tileSource"];
	        this.gazetteerAttribution = source["gazetteerAttribution"];
	    }
	}
	export class PasswordResetInput {
	    serverUrl: string;
	    email: string;
	
	    static createFrom(source: any = {}) {
	        return new PasswordResetInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.serverUrl = source["serverUrl"];
	        this.email = source["email"];
	    }
	}
	export class SSOLoginInput {
	    serverUrl: string;
	    email: string;
	
	    static createFrom(source: any = {}) {
	        return new SSOLoginInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.serverUrl = source["serverUrl"];
	        this.email = source["email"];
	    }
	}
	export class SecondFactorInput {
	    code: string;
	    recoveryCode: string;
	
	    static createFrom(source: any = {}) {
	        return new SecondFactorInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.recoveryCode = source["recoveryCode"];
	    }
	}
	export class ServerInfo {
	    server: api.ServerVersion;
	    desktopVersion: string;
	    desktopTooOld: boolean;
	    serverOutdated: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ServerInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.server = this.convertValues(source["server"], api.ServerVersion);
	        this.desktopVersion = source["desktopVersion"];
	        this.desktopTooOld = source["desktopTooOld"];
	        this.serverOutdated = source["serverOutdated"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SessionState {
	    signedIn: boolean;
	    serverUrl: string;
	    email: string;
	    language: string;
	    caFile?: string;
	    me?: api.Me;
	
	    static createFrom(source: any = {}) {
	        return new SessionState(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.signedIn = source["signedIn"];
	        this.serverUrl = source["serverUrl"];
	        this.email = source["email"];
	        this.language = source["language"];
	        this.caFile = source["caFile"];
	        this.me = this.convertValues(source["me"], api.Me);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SignInResult {
	    me?: api.Me;
	    step?: api.ChallengeKind;
	    recoveryCodes?: string[];
	
	    static createFrom(source: any = {}) {
	        return new SignInResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.me = this.convertValues(source["me"], api.Me);
	        this.step = source["step"];
	        this.recoveryCodes = source["recoveryCodes"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SupportForm {
	    subject: string;
	    text: string;
	    attachDiagnostics: boolean;
	    errorIds: string[];
	
	    static createFrom(source: any = {}) {
	        return new SupportForm(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subject = source["subject"];
	        this.text = source["text"];
	        this.attachDiagnostics = source["attachDiagnostics"];
	        this.errorIds = source["errorIds"];
	    }
	}
	export class SupportInfo {
	    appVersion: string;
	    os: string;
	    serverUrl: string;
	    serverVersion: string;
	    supportEmail: string;
	
	    static createFrom(source: any = {}) {
	        return new SupportInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.appVersion = source["appVersion"];
	        this.os = source["os"];
	        this.serverUrl = source["serverUrl"];
	        this.serverVersion = source["serverVersion"];
	        this.supportEmail = source["supportEmail"];
	    }
	}
	export class UploadFailure {
	    path: string;
	    fileName: string;
	    status: number;
	    code: string;
	    message: string;
	    fields: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new UploadFailure(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.fileName = source["fileName"];
	        this.status = source["status"];
	        this.code = source["code"];
	        this.message = source["message"];
	        this.fields = source["fields"];
	    }
	}
	export class UploadResult {
	    uploaded: api.Document[];
	    failed: UploadFailure[];
	
	    static createFrom(source: any = {}) {
	        return new UploadResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.uploaded = this.convertValues(source["uploaded"], api.Document);
	        this.failed = this.convertValues(source["failed"], UploadFailure);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

