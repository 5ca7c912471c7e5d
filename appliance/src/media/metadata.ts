// What a photo or a video says about itself: EXIF through exifr (JPEG, HEIC,
// PNG, WebP, TIFF; it reads only the header blocks it needs), video through
// ffprobe (Debian ffmpeg).
import exifr from "exifr";
import type { ToolRunner } from "./tools";

export interface CaptureMetadata {
  /** Date taken, epoch ms UTC (null when the file does not say). */
  takenAt: number | null;
  /** The UTC offset recorded with it (minutes east of UTC), null when unknown. */
  offsetMinutes: number | null;
  make: string | null;
  model: string | null;
  lens: string | null;
  exposureTime: number | null;
  fNumber: number | null;
  iso: number | null;
  focalLength: number | null;
  orientation: number | null;
  latitude: number | null;
  longitude: number | null;
  width: number | null;
  height: number | null;
  durationMs: number | null;
}

export const EMPTY_METADATA: CaptureMetadata = {
  takenAt: null, offsetMinutes: null, make: null, model: null, lens: null, exposureTime: null, fNumber: null, iso: null,
  focalLength: null, orientation: null, latitude: null, longitude: null, width: null, height: null, durationMs: null,
};

const EXIF_HEAD_BYTES = 512 * 1024;

const EXIF_OPTIONS = {
  tiff: true, exif: true, gps: true, ifd1: false, interop: false, xmp: false, icc: false, iptc: false, jfif: false, ihdr: false,
  // Raw values: dates as the camera wrote them ("2021:04:11 15:47:53"), so exifr
  // does not read them in this box's time zone; we apply OffsetTimeOriginal ourselves.
  reviveValues: false, translateValues: false, mergeOutput: true,
};

/** "+02:00" / "-05:00" → minutes east of UTC. */
export function parseOffset(value: unknown): number | null {
  const match = typeof value === "string" ? /^([+-])(\d{2}):?(\d{2})$/.exec(value.trim()) : null;
  if (!match) return null;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/**
 * An EXIF date ("YYYY:MM:DD HH:MM:SS", the camera's wall clock) to epoch ms.
 * With its offset it is exact; without one it is read as the box's local time
 * (the household's time zone, the best guess for its own photos).
 */
export function parseExifDate(value: unknown, offsetMinutes: number | null): number | null {
  const match = typeof value === "string" ? /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value) : null;
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (offsetMinutes === null) return new Date(year, month - 1, day, hour, minute, second).getTime();
  return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
}

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.replace(/\0/g, "").trim().slice(0, 200) : null);
const number = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

function coordinate(value: unknown, ref: unknown): number | null {
  if (!Array.isArray(value) || value.length < 1) return number(value);
  const [degrees = 0, minutes = 0, seconds = 0] = value.map(Number);
  const decimal = degrees + minutes / 60 + seconds / 3600;
  if (!Number.isFinite(decimal)) return null;
  return ref === "S" || ref === "W" ? -decimal : decimal;
}

/** EXIF of a photo; an image without EXIF (a screenshot, a PNG) gives empty metadata, never an error. */
export async function readExif(path: string): Promise<CaptureMetadata> {
  // exifr is given the file's head, not its path: it can leave a file handle open on
  // malformed files (Bun then fails at garbage collection), and a head bounds the memory.
  // EXIF sits near the start of JPEG, PNG, WebP and camera HEIC files alike.
  const head = new Uint8Array(await Bun.file(path).slice(0, EXIF_HEAD_BYTES).arrayBuffer());
  if (head.byteLength < 16) return { ...EMPTY_METADATA };
  const tags = (await exifr.parse(head, EXIF_OPTIONS).catch(() => null)) as Record<string, unknown> | null | undefined;
  if (!tags) return { ...EMPTY_METADATA };
  const offsetMinutes = parseOffset(tags.OffsetTimeOriginal) ?? parseOffset(tags.OffsetTime);
  const takenAt = parseExifDate(tags.DateTimeOriginal, offsetMinutes) ?? parseExifDate(tags.CreateDate, offsetMinutes);
  const latitude = coordinate(tags.GPSLatitude, tags.GPSLatitudeRef);
  const longitude = coordinate(tags.GPSLongitude, tags.GPSLongitudeRef);
  const validGps = latitude !== null && longitude !== null && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180 && (latitude !== 0 || longitude !== 0);
  return {
    ...EMPTY_METADATA,
    takenAt,
    offsetMinutes: takenAt === null ? null : offsetMinutes,
    make: text(tags.Make),
    model: text(tags.Model),
    lens: text(tags.LensModel),
    exposureTime: number(tags.ExposureTime),
    fNumber: number(tags.FNumber),
    iso: number(tags.ISO),
    focalLength: number(tags.FocalLength),
    orientation: number(tags.Orientation),
    latitude: validGps ? latitude : null,
    longitude: validGps ? longitude : null,
    width: number(tags.ExifImageWidth),
    height: number(tags.ExifImageHeight),
  };
}

interface ProbeStream {
  codec_type?: string;
  width?: number;
  height?: number;
  tags?: Record<string, string>;
  side_data_list?: { rotation?: number }[];
}
interface ProbeOutput {
  streams?: ProbeStream[];
  format?: { duration?: string; tags?: Record<string, string> };
}

/** Apple writes the local time with its offset ("2021-04-11T10:47:53-0500"); others only creation_time in UTC. */
function videoDate(tags: Record<string, string>): { takenAt: number | null; offsetMinutes: number | null } {
  const apple = tags["com.apple.quicktime.creationdate"];
  const appleMatch = apple ? /([+-]\d{2}:?\d{2})$/.exec(apple) : null;
  const appleTime = apple ? Date.parse(apple.replace(/([+-]\d{2})(\d{2})$/, "$1:$2")) : Number.NaN;
  if (Number.isFinite(appleTime)) return { takenAt: appleTime, offsetMinutes: parseOffset(appleMatch?.[1]) };
  const created = tags.creation_time ? Date.parse(tags.creation_time) : Number.NaN;
  // Cameras without a clock write 1904-01-01 (QuickTime's epoch) or 1970: no date at all.
  return { takenAt: Number.isFinite(created) && created > Date.UTC(1971, 0, 1) ? created : null, offsetMinutes: null };
}

/** Duration, upright dimensions and creation date of a video, via ffprobe. */
export async function readVideo(tools: ToolRunner, path: string, timeoutMs: number, signal?: AbortSignal): Promise<CaptureMetadata | null> {
  const args = ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path];
  const result = await tools({ command: "ffprobe", args, timeoutMs, signal, maxStdoutBytes: 1024 * 1024 });
  if (result.exitCode !== 0) return null;
  const probe = JSON.parse(new TextDecoder().decode(result.stdout)) as ProbeOutput;
  const video = probe.streams?.find((stream) => stream.codec_type === "video");
  if (!video) return null;
  const rotation = Math.abs(video.side_data_list?.find((side) => side.rotation !== undefined)?.rotation ?? Number(video.tags?.rotate ?? 0));
  const sideways = rotation % 180 === 90;
  const seconds = Number(probe.format?.duration);
  const date = videoDate({ ...video.tags, ...probe.format?.tags });
  return {
    ...EMPTY_METADATA,
    ...date,
    width: (sideways ? video.height : video.width) ?? null,
    height: (sideways ? video.width : video.height) ?? null,
    durationMs: Number.isFinite(seconds) ? Math.round(seconds * 1000) : null,
  };
}
