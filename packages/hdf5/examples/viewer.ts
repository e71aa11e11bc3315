import { register } from "@zfpjs/hdf5";
import * as hdf5 from "jsfive";

register(hdf5.Filters); // jsfive now decodes H5Z-ZFP (filter 32013) chunks

/** A dataset's values from a remote HDF5 file. */
export async function readDataset(url: string, name: string) {
  const buffer = await (await fetch(url)).arrayBuffer();
  const file = new hdf5.File(buffer, "remote.h5");
  const dataset = file.get(name) as hdf5.Dataset;
  console.log(name, dataset.shape, dataset.dtype);
  return dataset.value; // the values in C order, as a flat array
}
