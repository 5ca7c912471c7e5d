// Paths as a person sees them ("/Photos/2024/a.jpg"), validated and turned
// into places on disk that can never be outside the person's folder.
import { join, resolve, sep } from "node:path";
import { BadRequestError } from "../shared/errors";

const MAX_NAME_BYTES = 255;
const MAX_DEPTH = 64;
const encoder = new TextEncoder();

export class InvalidPathError extends BadRequestError {
  constructor(message: string) {
    super("invalid_path", message);
  }
}

/** Checks one file or folder name and returns it in Unicode NFC (macOS sends NFD). */
export function validateName(raw: string): string {
  const name = raw.normalize("NFC");
  if (name.length === 0) throw new InvalidPathError("A name cannot be empty.");
  if (name === "." || name === "..") throw new InvalidPathError(`"${name}" is not a valid name.`);
  if (name.includes("/") || name.includes("\\")) throw new InvalidPathError("A name cannot contain a slash.");
  // Control characters, NUL included, have no place in a file name shared over SMB and WebDAV.
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new InvalidPathError("A name cannot contain control characters.");
  if (encoder.encode(name).byteLength > MAX_NAME_BYTES) throw new InvalidPathError(`A name can be at most ${MAX_NAME_BYTES} bytes long.`);
  return name;
}

/**
 * "/a//b/" -> "/a/b". Every segment must be a valid name; "." and ".." are
 * refused rather than resolved, so no spelling of a path can climb out.
 */
export function normalizePath(raw: string): string {
  if (typeof raw !== "string") throw new InvalidPathError("A path is required.");
  if (raw.includes("\0")) throw new InvalidPathError("A path cannot contain a NUL character.");
  const segments = raw.split("/").filter((segment) => segment !== "");
  if (segments.length > MAX_DEPTH) throw new InvalidPathError(`Folders can nest at most ${MAX_DEPTH} deep.`);
  return `/${segments.map(validateName).join("/")}`;
}

export function parentOf(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
}

export function nameOf(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

export function joinPath(folder: string, name: string): string {
  return folder === "/" ? `/${name}` : `${folder}/${name}`;
}

/** True when `path` is `ancestor` or inside it. */
export function isWithin(path: string, ancestor: string): boolean {
  return ancestor === "/" || path === ancestor || path.startsWith(`${ancestor}/`);
}

/** The place on disk of a normalized path inside `root`; throws if it would leave `root`. */
export function toDiskPath(root: string, path: string): string {
  const absolute = resolve(join(root, path));
  const base = resolve(root);
  if (absolute !== base && !absolute.startsWith(base + sep)) throw new InvalidPathError("The path leaves your files.");
  return absolute;
}

/** "report.pdf" taken -> "report (2).pdf", "report (3).pdf"…, shortening the stem to stay within 255 bytes. */
export function alternativeName(name: string, attempt: number): string {
  const dot = name.lastIndexOf(".");
  const hasExtension = dot > 0 && dot < name.length - 1;
  let stem = hasExtension ? name.slice(0, dot) : name;
  const extension = hasExtension ? name.slice(dot) : "";
  const suffix = ` (${attempt})${extension}`;
  // Drop whole characters (never half a UTF-8 sequence) until it fits.
  const chars = [...stem];
  while (chars.length > 1 && encoder.encode(chars.join("") + suffix).byteLength > MAX_NAME_BYTES) chars.pop();
  stem = chars.join("");
  return `${stem}${suffix}`;
}
