export namespace api {
	
	export enum Action {
	    Create = "create",
	    Delete = "delete",
	    Edit = "edit",
	    Export = "export",
	    View = "view",
	}
	export enum Plan {
	    Basic = "basic",
	    Professional = "professional",
	}
	export enum RecordType {
	    Activity = "activity",
	    Deal = "deal",
	    Lead = "lead",
	    Organization = "organization",
	    Person = "person",
	}
	export enum Scope {
	    All = "all",
	    None = "none",
	    Own = "own",
	    Unit = "unit",
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
	
	    static createFrom(source: any = {}) {
	        return new Me(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.user = this.convertValues(source["user"], User);
	        this.tenant = this.convertValues(source["tenant"], Tenant);
	        this.role = this.convertValues(source["role"], Role);
	        this.unit = this.convertValues(source["unit"], Unit);
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
	export class SessionState {
	    signedIn: boolean;
	    serverUrl: string;
	    email: string;
	    language: string;
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

}

