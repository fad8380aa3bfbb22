import type { Express } from 'express';
import { IncomingMessage, ServerResponse } from 'node:http';

/** The classes `http.createServer` makes each request and response with. */
export interface RequestClasses {
  readonly IncomingMessage: typeof IncomingMessage;
  readonly ServerResponse: typeof ServerResponse;
}

/**
 * Request and response classes whose instances carry `app`'s prototypes from the moment node makes them, for the
 * server to be created with. Express gives every request it handles its own prototypes (`Object.setPrototypeOf`), so
 * node's request code then meets two shapes of each object, and its inline caches go polymorphic for every request
 * after: once a page, a TileJSON or a health check had been answered, this process served cached tiles 10–13% slower.
 * Made with the app's prototypes from the start, every request and response has one shape, and Express's swap finds
 * the prototype already in place. `app.request` and `app.response` become the classes' prototypes, which inherit
 * everything Express put on them.
 */
export function appRequestClasses(app: Express): RequestClasses {
  class AppRequest extends IncomingMessage {}
  class AppResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {}
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as unknown as Express['request'];
  app.response = AppResponse.prototype as unknown as Express['response'];
  return { IncomingMessage: AppRequest, ServerResponse: AppResponse };
}
