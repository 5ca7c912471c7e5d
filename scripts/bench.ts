// `make bench`: every figure beside its anchor measured in the same run on
// the same machine, so the ratio means something on a shared, noisy machine.
// BENCH_ONLY=system, drive, search, media or banks runs one part (banks-linking: the bill linking of banks alone; banks-stats: the Banks page's figures alone).
import { benchBanks } from "./bench/banks";
import { benchBanksCategories } from "./bench/banks-categories";
import { benchBanksLinking } from "./bench/banks-linking";
import { benchBanksStats } from "./bench/banks-stats";
import { benchDrive } from "./bench/drive";
import { report } from "./bench/figures";
import { benchMedia } from "./bench/media";
import { benchSearch } from "./bench/search";
import { coldStart, idleMemory, throughput } from "./bench/system";

const only = process.env.BENCH_ONLY;
if (!only || only === "system") {
  await coldStart();
  await idleMemory();
  await throughput();
}
if (!only || only === "drive") await benchDrive();
if (!only || only === "search") await benchSearch();
if (!only || only === "media") await benchMedia();
if (!only || only === "banks") await benchBanks();
if (!only || only === "banks") await benchBanksCategories();
if (!only || only === "banks" || only === "banks-stats") await benchBanksStats();
if (!only || only === "banks" || only === "banks-linking") await benchBanksLinking();
report();
