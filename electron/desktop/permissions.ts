// The app needs no browser permission (camera, notifications, geolocation, clipboard reads, HID,
// serial, USB...): every request and every check is refused (a refused 'hid', 'serial' or 'usb'
// check means no device picker is ever asked for). Structural types stand in for Electron's
// Session so this is tested in Node.

/** The slice of Electron's Session the permission policy uses. */
export interface PermissionSession {
  setPermissionRequestHandler(
    handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  setDevicePermissionHandler(handler: (details: unknown) => boolean): void;
}

/** Electron asks before granting a permission and when a page checks one: the answer is no. */
export function denyPermission(): boolean {
  return false;
}

/** Installs the refusals on a session (main.ts: the default session, before any window). */
export function installPermissionPolicy(session: PermissionSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(denyPermission()));
  session.setPermissionCheckHandler(denyPermission);
  session.setDevicePermissionHandler(denyPermission);
}
