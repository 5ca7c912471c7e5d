// What every WebDAV method handler receives: the request, the signed-in
// person (whose Drive /dav/ is), the Drive path the URL names, and the
// services behind the door.
import type { FilesService, Owner } from "../files";
import type { DavLocks } from "./locks";
import type { PropertiesRepository } from "./properties.repository";

export interface DavServices {
  files: FilesService;
  locks: DavLocks;
  properties: PropertiesRepository;
}

export interface DavRequest {
  request: Request;
  url: URL;
  owner: Owner;
  /** The Drive path named by the Request-URI ("/" for /dav/). */
  path: string;
  services: DavServices;
}

export type MethodHandler = (dav: DavRequest) => Promise<Response>;
