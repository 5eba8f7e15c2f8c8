// Package rest builds the HTTP handlers of record routes (list, get, create, update, delete) from service
// functions, so that every domain decodes, authorizes, versions and encodes the same way and its http code is a
// list of routes rather than copies of the same handler.
package rest

import (
	"context"
	"net/http"
	"reflect"

	"github.com/google/uuid"

	"github.com/1sales/app/backend/internal/access"
	"github.com/1sales/app/backend/internal/httpx"
)

// Spec is what a route takes and answers on the wire, for the API's description (docs/openapi.json).
type Spec struct {
	// In is the JSON body the route decodes (nil: none); Out the JSON body of its success (nil: none).
	In, Out reflect.Type
	// Status is the status of its success.
	Status int
	// IfMatch: the route requires the record's version as If-Match.
	IfMatch bool
	// Query names the query parameters the route reads (all optional strings).
	Query []string
	// Upload and Download: the request or the success's body is a file's bytes, not JSON.
	Upload, Download bool
	// Events: the success's body is a stream of Server-Sent Events whose data are Out.
	Events bool
}

// Endpoint is a handler and its Spec: the helpers below return one, and hand-written handlers get theirs from
// Typed, so that every registered route says what it takes and answers.
type Endpoint struct {
	Handler httpx.HandlerFunc
	Spec
}

// None stands for "no body" in Typed.
type None struct{}

// Typed describes a hand-written handler: it decodes In and answers Out with status (None for no body).
func Typed[In, Out any](status int, h httpx.HandlerFunc, query ...string) Endpoint {
	return Endpoint{Handler: h, Spec: Spec{In: typeOf[In](), Out: typeOf[Out](), Status: status, Query: query}}
}

// typeOf is the wire type of T (nil for None). A pointer stands for what it points to: services return results
// by pointer, and a body or an answer is never null.
func typeOf[T any]() reflect.Type {
	t := reflect.TypeFor[T]()
	if t == reflect.TypeFor[None]() {
		return nil
	}
	if t.Kind() == reflect.Pointer {
		return t.Elem()
	}
	return t
}

// Model is a stored record: it converts to its wire type W and has a version, sent as its ETag.
type Model[W any] interface {
	API() W
	ETag() int64
}

// Wire converts models to their wire types (an empty list, not nil, for none).
func Wire[M Model[W], W any](ms []M) []W {
	out := make([]W, len(ms))
	for i, m := range ms {
		out[i] = m.API()
	}
	return out
}

// call is what a route reads from its request before it calls its service function, in this order: the actor,
// the record's ID (when the route has a path parameter), the If-Match version (when the route requires it) and
// the body (when it takes one). Every helper below reads its request through read, so that they all refuse a bad
// request the same way.
type call[In any] struct {
	ctx     context.Context
	actor   *access.Actor
	id      uuid.UUID
	version int64
	in      In
}

func read[In any](r *http.Request, spec Spec, param string) (call[In], error) {
	c := call[In]{ctx: r.Context()}
	var err error
	if c.actor, c.id, err = Target(r, param); err != nil {
		return c, err
	}
	if spec.IfMatch {
		if c.version, err = httpx.IfMatch(r); err != nil {
			return c, err
		}
	}
	if spec.In != nil {
		if err = httpx.Decode(r, &c.in); err != nil {
			return c, err
		}
	}
	return c, nil
}

// Target reads the actor and, when param is not "", the ID of the record the path names: the first steps of every
// route, for the handlers that read more of their request than the helpers here do (a file, query parameters).
func Target(r *http.Request, param string) (*access.Actor, uuid.UUID, error) {
	a, err := access.FromRequest(r)
	if err != nil || param == "" {
		return a, uuid.Nil, err
	}
	id, err := httpx.PathID(r, param)
	return a, id, err
}

// endpoint builds the handler of spec: it reads the request, runs the service function and writes its result.
func endpoint[In, Out any](spec Spec, param string, run func(call[In]) (Out, error), write func(http.ResponseWriter, int, Out) error) Endpoint {
	return Endpoint{Spec: spec, Handler: func(w http.ResponseWriter, r *http.Request) error {
		c, err := read[In](r, spec, param)
		if err != nil {
			return err
		}
		out, err := run(c)
		if err != nil {
			return err
		}
		return write(w, spec.Status, out)
	}}
}

// answer answers with what run returns as JSON.
func answer[In, Out any](spec Spec, param string, run func(call[In]) (Out, error)) Endpoint {
	return endpoint(spec, param, run, func(w http.ResponseWriter, status int, out Out) error { return httpx.JSON(w, status, out) })
}

// versioned answers with the record run returns and its ETag.
func versioned[In any, M Model[W], W any](spec Spec, param string, run func(call[In]) (M, error)) Endpoint {
	return endpoint(spec, param, run, func(w http.ResponseWriter, status int, m M) error {
		return httpx.Versioned(w, status, m.ETag(), m.API())
	})
}

// List answers GET with the wire types of what list returns, wrapped by wrap (e.g. into api.UnitList).
func List[M Model[W], W, L any](list func(context.Context, *access.Actor) ([]M, error), wrap func([]W) L) Endpoint {
	return answer(Spec{Out: typeOf[L](), Status: http.StatusOK}, "", func(c call[None]) (L, error) {
		items, err := list(c.ctx, c.actor)
		if err != nil {
			var zero L
			return zero, err
		}
		return wrap(Wire(items)), nil
	})
}

// Answer answers GET with whatever get returns for the actor (the signed-in user, their tenant).
func Answer[Out any](get func(context.Context, *access.Actor) (Out, error)) Endpoint {
	return answer(Spec{Out: typeOf[Out](), Status: http.StatusOK}, "", func(c call[None]) (Out, error) {
		return get(c.ctx, c.actor)
	})
}

// Get answers GET /…/{param} with one record and its ETag.
func Get[M Model[W], W any](param string, get func(context.Context, *access.Actor, uuid.UUID) (M, error)) Endpoint {
	return versioned(Spec{Out: typeOf[W](), Status: http.StatusOK}, param, func(c call[None]) (M, error) {
		return get(c.ctx, c.actor, c.id)
	})
}

// Create answers POST with 201, the new record and its ETag.
func Create[In any, M Model[W], W any](create func(context.Context, *access.Actor, In) (M, error)) Endpoint {
	return versioned(Spec{In: typeOf[In](), Out: typeOf[W](), Status: http.StatusCreated}, "", func(c call[In]) (M, error) {
		return create(c.ctx, c.actor, c.in)
	})
}

// CreateIn answers POST /…/{param}/<items> with 201, the new record and its ETag: a record created under the one
// the path names (a note on a person).
func CreateIn[In any, M Model[W], W any](param string, create func(context.Context, *access.Actor, uuid.UUID, In) (M, error)) Endpoint {
	return versioned(Spec{In: typeOf[In](), Out: typeOf[W](), Status: http.StatusCreated}, param, func(c call[In]) (M, error) {
		return create(c.ctx, c.actor, c.id, c.in)
	})
}

// Update answers PATCH /…/{param}: the If-Match version is required and passed on, so that a stale change is
// refused.
func Update[In any, M Model[W], W any](param string, update func(context.Context, *access.Actor, uuid.UUID, int64, In) (M, error)) Endpoint {
	return versioned(Spec{In: typeOf[In](), Out: typeOf[W](), Status: http.StatusOK, IfMatch: true}, param, func(c call[In]) (M, error) {
		return update(c.ctx, c.actor, c.id, c.version, c.in)
	})
}

// Delete answers DELETE /…/{param} with 204; the If-Match version is required.
func Delete(param string, del func(context.Context, *access.Actor, uuid.UUID, int64) error) Endpoint {
	return endpoint(Spec{Status: http.StatusNoContent, IfMatch: true}, param, func(c call[None]) (None, error) {
		return None{}, del(c.ctx, c.actor, c.id, c.version)
	}, func(w http.ResponseWriter, _ int, _ None) error { return httpx.NoContent(w) })
}

// Query answers POST …/query: the body is the query, the answer whatever run returns (a page).
func Query[Q, P any](run func(context.Context, *access.Actor, Q) (P, error)) Endpoint {
	return answer(Spec{In: typeOf[Q](), Out: typeOf[P](), Status: http.StatusOK}, "", func(c call[Q]) (P, error) {
		return run(c.ctx, c.actor, c.in)
	})
}

// Action answers POST /…/{param}/<action> (no body) with the record it returns, e.g. a restore.
func Action[M Model[W], W any](param string, act func(context.Context, *access.Actor, uuid.UUID) (M, error)) Endpoint {
	return versioned(Spec{Out: typeOf[W](), Status: http.StatusOK}, param, func(c call[None]) (M, error) {
		return act(c.ctx, c.actor, c.id)
	})
}

// Related answers GET /…/{param}/<relation> with whatever list returns for the record.
func Related[L any](param string, list func(context.Context, *access.Actor, uuid.UUID) (L, error)) Endpoint {
	return On(http.StatusOK, param, list)
}

// On answers a request on the record the path names (param) with what run returns for it, as JSON with status:
// a sub-resource made (POST …/keys, 201) or replaced (PUT …/signing-secret).
func On[Out any](status int, param string, run func(context.Context, *access.Actor, uuid.UUID) (Out, error)) Endpoint {
	return OnWith(status, param, func(ctx context.Context, a *access.Actor, id uuid.UUID, _ None) (Out, error) {
		return run(ctx, a, id)
	})
}

// OnWith is On for a route that takes a body In as well (a preview of the record's settings).
func OnWith[In, Out any](status int, param string, run func(context.Context, *access.Actor, uuid.UUID, In) (Out, error)) Endpoint {
	return answer(Spec{In: typeOf[In](), Out: typeOf[Out](), Status: status}, param, func(c call[In]) (Out, error) {
		return run(c.ctx, c.actor, c.id, c.in)
	})
}

// Effect answers a request on the record the path names (param) that changes something of it and has nothing to
// say, with 204 (DELETE …/signing-secret).
func Effect(param string, run func(context.Context, *access.Actor, uuid.UUID) error) Endpoint {
	return endpoint(Spec{Status: http.StatusNoContent}, param, func(c call[None]) (None, error) {
		return None{}, run(c.ctx, c.actor, c.id)
	}, func(w http.ResponseWriter, _ int, _ None) error { return httpx.NoContent(w) })
}
