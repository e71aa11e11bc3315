// Help texts of the zfpjs command (its own words; zfp's usage text lists the same options).

/** Usage of the zfp-compatible mode, printed to stderr on a usage error (status 1). */
export const COMPAT_USAGE = `zfpjs: zfp 1.0 compatible compressor for floating-point and integer arrays
Usage (zfp-compatible): zfpjs <options>
General options:
  -h : read/write array and compression parameters from/to compressed header
  -q : quiet mode; suppress the summary line
  -s : print error statistics (needs -i)
Input and output:
  -i <path> : uncompressed binary input file ("-" for stdin)
  -o <path> : decompressed binary output file ("-" for stdout)
  -z <path> : compressed input (without -i) or output file ("-" for stdin/stdout)
Array type and dimensions (needed with -i):
  -f : single precision (float type)
  -d : double precision (double type)
  -t <i32|i64|f32|f64> : integer or floating scalar type
  -1 <nx> : dimensions for 1D array a[nx]
  -2 <nx> <ny> : dimensions for 2D array a[ny][nx]
  -3 <nx> <ny> <nz> : dimensions for 3D array a[nz][ny][nx]
  -4 <nx> <ny> <nz> <nw> : dimensions for 4D array a[nw][nz][ny][nx]
Compression parameters (needed with -i):
  -R : reversible (lossless) compression
  -r <rate> : fixed rate (# compressed bits per value)
  -p <precision> : fixed precision (# uncompressed bits per value)
  -a <tolerance> : fixed accuracy (absolute error tolerance)
  -c <minbits> <maxbits> <maxprec> <minexp> : expert mode
      minbits : min # bits per 4^d values in d dimensions
      maxbits : max # bits per 4^d values in d dimensions (0 for unlimited)
      maxprec : max # bits of precision per value (0 for full)
      minexp : min bit plane # coded (-1074 for all bit planes)
Execution:
  -x serial : serial compression (the only policy; omp and cuda run serially, same output)
zfpjs options:
  -W <8|16|32|64>, --word-bits <8|16|32|64> : stream word size (default 64, as a default zfp
      build; 8 reproduces Debian's zfp files byte for byte)
Examples:
  zfpjs -f -3 100 100 100 -r 16 -i in.raw -z out.zfp : fixed-rate compression of floats
  zfpjs -z out.zfp -h -o back.raw : decompress a file that has a header
  zfpjs -d -1 1000000 -a 1e-9 -i in.raw -s : error statistics at tolerance 1e-9
Other commands: zfpjs compress | decompress | info | sample (see zfpjs --help)
`;

/** zfpjs --help. */
export const MAIN_HELP = `zfpjs: zfp 1.0 compression of floating-point and integer arrays

Usage:
  zfpjs compress IN.npy [-o OUT.zfp] [--tolerance T | --rate R | --precision P | --reversible]
  zfpjs decompress IN.zfp [-o OUT.npy] [--max-output-bytes N]
  zfpjs info IN.zfp [--json]
  zfpjs sample OUT.npy [--shape 64,64] [--dtype float32]
  zfpjs <zfp options>          zfp's own command line, flag for flag (below)

Commands:
  compress     .npy array -> zfp stream with header (readable by zfpy.decompress_numpy)
  decompress   zfp stream with header -> .npy array (readable by numpy.load)
  info         describe a stream's header: type, shape, mode, parameters, size, ratio
  sample       write a small smooth test array as .npy

Options:
  --help       this text (or: zfpjs <command> --help)
  --version    print the version

zfp-compatible mode: when the first argument is an option (for example -i or -z), zfpjs takes
zfp's options and behaves as zfp's command: same files, summary line and exit status.

${COMPAT_USAGE}`;

/** zfpjs compress --help. */
export const COMPRESS_HELP = `Usage: zfpjs compress IN.npy [-o OUT.zfp] [mode] [--word-bits 8|16|32|64] [--force] [-q]
                      [--allow-nonfinite]

Compresses a NumPy .npy array (int32, int64, float32 or float64; 1 to 4 dimensions; C or
Fortran order; little- or big-endian; format 1.0, 2.0 or 3.0) into a zfp stream with a full
header, the bytes zfpy.compress_numpy writes for the same array.

Mode (at most one; default --reversible, as zfpy):
  --tolerance T, -a T    fixed accuracy: absolute error at most T
  --rate R, -r R         fixed rate: R compressed bits per value
  --precision P, -p P    fixed precision: P uncompressed bits per value
  --reversible, -R       lossless

Output: -o OUT.zfp (default: IN with .npy replaced by .zfp; "-" for stdout). A default name
  never replaces an existing file unless --force (-f) is given; --force also allows "-" on a
  terminal.
  --word-bits 8 writes the bytes of Debian's zfpy (default 64: zfpy wheels, a default zfp build).
  -q: no summary line.
  Lossy modes refuse NaN and infinity; --allow-nonfinite writes zfp's bytes for them anyway
  (those blocks decode as garbage, as with zfp).
`;

/** zfpjs decompress --help. */
export const DECOMPRESS_HELP = `Usage: zfpjs decompress IN.zfp [-o OUT.npy] [--max-output-bytes N] [--force] [-q]

Decompresses a zfp stream that has a full header (from zfpy.compress_numpy, zfp -h, or zfpjs
compress) into a NumPy .npy file of the stored type, in C order with the shape zfpy's
decompress_numpy gives. IN may be "-" for stdin.

Output: -o OUT.npy (default: IN with .zfp replaced by .npy; "-" for stdout). A default name
  never replaces an existing file unless --force (-f) is given; --force also allows "-" on a
  terminal. -q: no summary line.
  --max-output-bytes N: the largest output accepted, in bytes; a stream whose header declares
  more is refused before anything is written. Default: 1 GiB (and, for a file, its file
  system's free space). Decoding streams slab by slab: memory stays bounded.
`;

/** zfpjs info --help. */
export const INFO_HELP = `Usage: zfpjs info IN.zfp [--json]

Describes the header of a zfp stream: scalar type, shape (numpy C order and zfp's nx..nw),
compression mode and its parameters, compressed size and ratio. --json prints one JSON object.
`;

/** zfpjs sample --help. */
export const SAMPLE_HELP = `Usage: zfpjs sample OUT.npy [--shape 64,64] [--dtype float32|float64|int32|int64] [--force]

Writes a smooth test array (a product of sines and cosines, scaled by 1000 for integers), handy
for trying the other commands. Shape: 1 to 4 sizes separated by commas (default 64,64).
OUT may be "-" for stdout (not a terminal, unless --force).
`;
