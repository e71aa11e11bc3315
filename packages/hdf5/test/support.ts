// Test helpers: the Python oracle (Debian's h5py with hdf5-filter-plugin-zfp-serial).
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describeRequiring } from "@zfpjs/tooling/oracle";

export const PYTHON = process.env.ZFPJS_ORACLE_PYTHON ?? "/usr/bin/python3";
export const PLUGIN_PATH = process.env.HDF5_PLUGIN_PATH ?? "/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins";
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), "h5_oracle.py");
const ENV = { ...process.env, HDF5_PLUGIN_PATH: PLUGIN_PATH };

/** One dataset for the oracle to write. */
export interface DatasetRequest {
  name: string;
  dtype: "float32" | "float64" | "int32" | "int64";
  shape: number[];
  chunks: number[];
  mode: Record<string, number | string>;
  seed: number;
}

/** Writes the datasets with h5py + H5Z-ZFP into `path`; returns h5py's values read back, by name. */
export function writeWithH5py(path: string, datasets: DatasetRequest[]): Record<string, Uint8Array> {
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify([{ path, datasets }]),
    encoding: "utf8",
    env: ENV,
    maxBuffer: 1 << 30,
  });
  if (run.error) throw run.error;
  const answer = JSON.parse(run.stdout.trim() || "{}");
  if (!answer.ok) throw new Error(`h5py: ${answer.error}: ${answer.message} ${run.stderr}`);
  const out: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries(answer.read as Record<string, string>)) {
    out[name] = new Uint8Array(Buffer.from(text, "base64"));
  }
  return out;
}

const MISSING = (() => {
  const probe = spawnSync(
    PYTHON,
    [
      "-c",
      "import h5py, numpy, os, sys; sys.exit(0 if os.path.exists(os.path.join(os.environ['HDF5_PLUGIN_PATH'], 'libh5zzfp.so')) else 1)",
    ],
    { encoding: "utf8", env: ENV },
  );
  return probe.status === 0
    ? ""
    : `${PYTHON} lacks h5py or the H5Z-ZFP plugin in ${PLUGIN_PATH}: ${(probe.stderr ?? String(probe.error)).trim()}`;
})();

/** `describe` for tests that need h5py and H5Z-ZFP: under CI=true a missing oracle fails. */
export function describeWithH5Oracle(name: string, body: () => void): void {
  describeRequiring(
    name,
    MISSING ? `${MISSING}; apt-get install -y python3-h5py-serial hdf5-filter-plugin-zfp-serial` : undefined,
    body,
  );
}
