// Minimal declarations of jsfive 0.4 (it ships none), as the tests use it.
declare module "jsfive" {
  export const Filters: Map<
    number,
    (buf: ArrayBuffer, itemsize: number, clientData: number[]) => ArrayBuffer
  >;
  export class Dataset {
    readonly shape: number[];
    readonly value: unknown;
    readonly dtype: string;
    readonly _dataobjects: {
      readonly filter_pipeline: Map<string, unknown>[] | null;
      readonly chunks: number[] | null;
    };
  }
  export class Group {
    get(path: string): Group | Dataset;
  }
  export class File extends Group {
    constructor(buffer: ArrayBuffer, filename: string);
  }
}
