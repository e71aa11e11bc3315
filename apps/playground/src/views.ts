// Slice views: a 2D slice of an array drawn with a colormap, and its colorbar.
import { interpolateRdBu, interpolateViridis } from "d3-scale-chromatic";
import type { Values } from "./arrays.js";

/** A 2D slice, row-major, as doubles. */
export interface Slice {
  width: number;
  height: number;
  data: Float64Array;
}

/**
 * The slice of an array of `shape` at `index` along `axis`, over its two fastest remaining axes (a
 * 4D array's other remaining axis at its middle); a 1D array is one row, a 2D array itself.
 */
export function sliceOf(values: Values, shape: readonly number[], axis: number, index: number): Slice {
  const d = shape.length;
  if (d <= 2) {
    const height = d === 1 ? 1 : shape[0]!;
    const width = shape[d - 1]!;
    return { width, height, data: Float64Array.from(values as ArrayLike<number | bigint>, Number) };
  }
  const strides = shape.map((_, k) => shape.slice(k + 1).reduce((a, b) => a * b, 1));
  const rest = [0, 1, 2, 3].slice(0, d).filter((k) => k !== axis);
  const [rowAxis, colAxis] = rest.slice(-2) as [number, number];
  let base = index * strides[axis]!;
  for (const k of rest.slice(0, -2)) base += Math.floor(shape[k]! / 2) * strides[k]!;
  const height = shape[rowAxis]!;
  const width = shape[colAxis]!;
  const data = new Float64Array(width * height);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      data[r * width + c] = Number(values[base + r * strides[rowAxis]! + c * strides[colAxis]!]!);
    }
  }
  return { width, height, data };
}

type Lut = Uint8ClampedArray;

function lutOf(interpolate: (t: number) => string): Lut {
  const lut = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 256; i++) {
    const color = interpolate(i / 255);
    const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
    const rgb = hex
      ? hex.slice(1).map((h) => Number.parseInt(h, 16))
      : (color.match(/\d+/g) ?? []).map(Number);
    lut.set(rgb.slice(0, 3), i * 3);
  }
  return lut;
}

/** Perceptual (viridis) for values, diverging (red-white-blue, reversed so positive is red) for errors. */
export const COLORMAPS = {
  values: lutOf(interpolateViridis),
  error: lutOf((t) => interpolateRdBu(1 - t)),
};

/** Draws `slice` into `canvas` with limits [low, high]. */
export function draw(canvas: HTMLCanvasElement, slice: Slice, low: number, high: number, lut: Lut): void {
  canvas.width = slice.width;
  canvas.height = slice.height;
  const context = canvas.getContext("2d")!;
  const image = context.createImageData(slice.width, slice.height);
  // Constant data (an error slice of zeros) takes the middle colour: white on the diverging scale.
  const scale = high > low ? 255 / (high - low) : 0;
  const flat = high > low ? 0 : 128;
  for (let i = 0; i < slice.data.length; i++) {
    const t = flat || Math.max(0, Math.min(255, Math.round((slice.data[i]! - low) * scale))) || 0;
    image.data[4 * i] = lut[3 * t]!;
    image.data[4 * i + 1] = lut[3 * t + 1]!;
    image.data[4 * i + 2] = lut[3 * t + 2]!;
    image.data[4 * i + 3] = 255;
  }
  context.putImageData(image, 0, 0);
}

/** Draws a horizontal colorbar with its limits below. */
export function drawColorbar(container: HTMLElement, low: number, high: number, lut: Lut): void {
  const canvas = document.createElement("canvas");
  canvas.width = 256;
  canvas.height = 1;
  const context = canvas.getContext("2d")!;
  const image = context.createImageData(256, 1);
  for (let i = 0; i < 256; i++) {
    image.data.set([lut[3 * i]!, lut[3 * i + 1]!, lut[3 * i + 2]!, 255], 4 * i);
  }
  context.putImageData(image, 0, 0);
  const labels = document.createElement("div");
  labels.className = "limits";
  labels.innerHTML = `<span>${format(low)}</span><span>${format((low + high) / 2)}</span><span>${format(high)}</span>`;
  container.replaceChildren(canvas, labels);
}

/** A number in at most 4 significant digits. */
export function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  return magnitude >= 1e5 || magnitude < 1e-3
    ? value.toExponential(3)
    : Number(value.toPrecision(4)).toString();
}
