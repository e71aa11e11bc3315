import { register } from "@zfpjs/zarr";
import * as zarr from "zarrita";

register(); // zarrita now reads numcodecs.zfpy (Zarr v2, zarr-python 3) and zfp (Zarr v3)

/** The first 2D slice of a remote 3D Zarr array, e.g. one time step of a simulation. */
export async function firstSlice(url: string) {
  const array = await zarr.open(new zarr.FetchStore(url), { kind: "array" });
  const slice = await zarr.get(array, [0, null, null]);
  console.log(array.dtype, array.shape, "->", slice.shape);
  return slice; // { data: Float32Array | ..., shape: [ny, nx], stride }
}
