/** The URL of @zfpjs/parallel's worker module, bundled by Vite (see vite.config.ts). */
declare module "zfpjs-parallel-worker?worker&url" {
  const url: string;
  export default url;
}
