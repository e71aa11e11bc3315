import { describe, expect, it } from "vitest";
import * as browser from "../src/index.js";
import * as node from "../src/node.js";

describe.each([
  ["the browser (default) entry", browser],
  ["the Node entry", node],
] as const)("given %s", (_, entry) => {
  it("when its exports are listed, expect exactly the pool and its errors", () => {
    expect(Object.keys(entry).sort()).toEqual([
      "PoolClosedError",
      "SlabIndexError",
      "WorkerFailedError",
      "ZfpPool",
    ]);
  });

  it("when ZfpPool's methods are listed, expect the calls of issue 16 and compressWithIndex", () => {
    const methods = new Set<string>();
    for (
      let proto = entry.ZfpPool.prototype;
      proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto)
    ) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
        if (name !== "constructor" && typeof descriptor.value === "function") methods.add(name);
      }
    }
    expect([...methods].sort()).toEqual([
      "close",
      "compress",
      "compressWithIndex",
      "decompress",
      "decompressMany",
    ]);
  });
});

it("given both entries, when their error classes are compared, expect the same classes", () => {
  expect(node.PoolClosedError).toBe(browser.PoolClosedError);
  expect(node.SlabIndexError).toBe(browser.SlabIndexError);
  expect(node.WorkerFailedError).toBe(browser.WorkerFailedError);
});
