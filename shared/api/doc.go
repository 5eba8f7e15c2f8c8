// Package api holds the wire types of the 1sales HTTP API, shared by the backend and the desktop client.
//
// Conventions: camelCase JSON, IDs are UUID strings, times are RFC 3339 (tagged ts_type:"string" so that the
// generated TypeScript sees strings), create and patch types are separate and patch types use pointers so that
// "absent" and "empty" differ. A string field that holds a day (YYYY-MM-DD) in a request type is tagged
// input:"date": the backend's decoding then holds it, like every time.Time, to the years 1900–2200.
package api
