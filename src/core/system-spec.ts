/**
 * An accelerator or rack-scale system, per chip unless a field says rack or server. Memory is GB of
 * 2^30 bytes; a blank (null) value is one no source published or that could not be verified.
 */
export interface SystemSpec {
  name: string;
  vendor: string;
  aliases?: string[];
  memory_gb: number;
  memory_type: string;
  sram_mb: number | null;
  bandwidth_tbps: number | null;
  bf16_tflops: number | null;
  fp8_tflops: number | null;
  fp4_tflops: number | null;
  tdp_w: number | null;
  chips_per_server: number | null;
  server_power_kw: number | null;
  chips_per_rack: number | null;
  rack_power_kw: number | null;
  rack_power_note: string | null;
  price_per_chip_usd: number | null;
  price_per_rack_usd: number | null;
  price_note: string | null;
  /** Chips one tensor/expert-parallel group normally spans: 8 in an HGX server, 72 in an NVL72 rack. */
  scaleup_domain: number | null;
  /** Scale-up bandwidth per chip, GB/s, one direction (NVLink, Infinity Fabric; PCIe for cards). */
  scaleup_gbps: number | null;
  scaleup_source: string | null;
  source: string;
  confidence: string;
  notes: string;
}

/** Every field of a system, in the order SYSTEM() lists them, with what it means and its unit. */
export const SYSTEM_FIELDS: Readonly<Record<keyof SystemSpec, string>> = {
  name: "Preset name",
  vendor: "Vendor",
  aliases: "Other names that resolve to it",
  memory_gb: "Memory per chip, GB of 2^30 bytes (HBM, or SRAM for SRAM-only chips)",
  memory_type: "Memory type",
  sram_mb: "On-chip SRAM per chip, MB (MiB)",
  bandwidth_tbps: "Memory bandwidth per chip, TB/s",
  bf16_tflops: "Dense BF16 TFLOPS per chip",
  fp8_tflops: "Dense FP8 TFLOPS per chip",
  fp4_tflops: "Dense FP4 TFLOPS per chip",
  tdp_w: "Chip power (TDP/TBP), W",
  chips_per_server: "Chips per server, host or instance",
  server_power_kw: "Server power, kW",
  chips_per_rack: "Chips per rack as commonly deployed",
  rack_power_kw: "Rack power, kW (estimate)",
  rack_power_note: "Source and date of the rack power estimate",
  price_per_chip_usd: "Price per chip, USD (estimate)",
  price_per_rack_usd: "Price per rack, USD (estimate)",
  price_note: "Source and date of the price estimate",
  scaleup_domain: "Chips in one scale-up domain (a tensor-parallel group's reach)",
  scaleup_gbps: "Scale-up bandwidth per chip, GB/s, one direction",
  scaleup_source: "Source of the scale-up fields",
  source: "Where the numbers come from",
  confidence: "How sure the numbers are",
  notes: "Caveats",
};

/** The fields of a system that hold text; every other field is a number (or blank). */
export const SYSTEM_TEXT_FIELDS: ReadonlySet<keyof SystemSpec> = new Set<keyof SystemSpec>([
  "name",
  "vendor",
  "aliases",
  "memory_type",
  "rack_power_note",
  "price_note",
  "scaleup_source",
  "source",
  "confidence",
  "notes",
]);
