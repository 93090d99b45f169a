/**
 * The module's linear memory as the WASI calls see it. Every access is bounds-checked: a
 * pointer outside memory throws MemoryFault, which the call answers with EFAULT instead of
 * letting a RangeError out of the host. Pointers arrive as signed i32 values and are read as
 * unsigned. The views are made per access, because memory.grow replaces the buffer.
 */
export class MemoryFault {
  constructor(readonly pointer: number, readonly length: number) {}
}

/** One `iovec`: a buffer in guest memory. */
export interface GuestBuffer {
  readonly pointer: number;
  readonly length: number;
}

const iovecBytes = 8;

/** Bounds-checked reads and writes of the module's memory, once bound. */
export class GuestMemory {
  private memory: WebAssembly.Memory | undefined;

  bind(memory: WebAssembly.Memory): void {
    this.memory = memory;
  }

  /** A live view of `length` bytes at `pointer`. */
  bytes(pointer: number, length: number): Uint8Array {
    const buffer = this.buffer();
    const start = pointer >>> 0;
    const size = length >>> 0;
    if (start + size > buffer.byteLength) {
      throw new MemoryFault(start, size);
    }
    return new Uint8Array(buffer, start, size);
  }

  readUint32(pointer: number): number {
    return this.view(pointer, 4).getUint32(0, true);
  }

  readUint64(pointer: number): bigint {
    return this.view(pointer, 8).getBigUint64(0, true);
  }

  readUint8(pointer: number): number {
    return this.view(pointer, 1).getUint8(0);
  }

  readUint16(pointer: number): number {
    return this.view(pointer, 2).getUint16(0, true);
  }

  writeUint8(pointer: number, value: number): void {
    this.view(pointer, 1).setUint8(0, value);
  }

  writeUint16(pointer: number, value: number): void {
    this.view(pointer, 2).setUint16(0, value, true);
  }

  writeUint32(pointer: number, value: number): void {
    this.view(pointer, 4).setUint32(0, value, true);
  }

  writeUint64(pointer: number, value: bigint): void {
    this.view(pointer, 8).setBigUint64(0, value, true);
  }

  readText(pointer: number, length: number): string {
    return new TextDecoder().decode(this.bytes(pointer, length));
  }

  /** The `count` iovecs listed at `pointer`, each checked to lie inside memory. */
  buffers(pointer: number, count: number): GuestBuffer[] {
    const list = this.bytes(pointer, (count >>> 0) * iovecBytes);
    const view = new DataView(list.buffer, list.byteOffset, list.byteLength);
    const buffers: GuestBuffer[] = [];
    for (let offset = 0; offset < list.byteLength; offset += iovecBytes) {
      const buffer = {
        pointer: view.getUint32(offset, true),
        length: view.getUint32(offset + 4, true),
      };
      this.bytes(buffer.pointer, buffer.length);
      buffers.push(buffer);
    }
    return buffers;
  }

  private view(pointer: number, length: number): DataView {
    const bytes = this.bytes(pointer, length);
    return new DataView(bytes.buffer, bytes.byteOffset, length);
  }

  /** A call made before memory is bound (from a wasm start function) sees no memory at all. */
  private buffer(): ArrayBuffer {
    if (this.memory === undefined) {
      throw new MemoryFault(0, 0);
    }
    return this.memory.buffer;
  }
}
