// DNS messages on the wire (RFC 1035) for the two record types whose TTL Node's resolver does not
// give (SRV and MX): a query with EDNS0, and an answer's records read with name compression.
// Every read is bounds-checked: a malformed answer is a DnsWireError, never a crash.

export const QTYPE = { A: 1, MX: 15, AAAA: 28, SRV: 33 } as const;
const CLASS_IN = 1;
const OPT = 41;

export class DnsWireError extends Error {}

export type WireRecord =
  | { type: 'SRV'; ttl: number; priority: number; weight: number; port: number; target: string }
  | { type: 'MX'; ttl: number; preference: number; exchange: string };

export interface WireAnswer {
  id: number;
  /** 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, ... */
  rcode: number;
  truncated: boolean;
  records: WireRecord[];
}

/** A recursive query for one name and type, with an EDNS0 OPT record (4096-byte answers over UDP). */
export function encodeQuery(id: number, name: string, qtype: number): Buffer {
  const labels = name.replace(/\.$/, '').split('.');
  if (labels.some((l) => l.length === 0 || Buffer.byteLength(l) > 63) || name.length > 253)
    throw new DnsWireError(`"${name}" is not a valid DNS name`);
  const qname = Buffer.concat([
    ...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])),
    Buffer.from([0]),
  ]);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2); // RD
  header.writeUInt16BE(1, 4); // QDCOUNT
  header.writeUInt16BE(1, 10); // ARCOUNT: the OPT record
  const question = Buffer.alloc(4);
  question.writeUInt16BE(qtype, 0);
  question.writeUInt16BE(CLASS_IN, 2);
  // OPT: root name, type 41, class = UDP payload size, TTL 0 (no extended flags), no data.
  const opt = Buffer.from([0, 0, OPT, 0x10, 0x00, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, qname, question, opt]);
}

/** The SRV and MX records in an answer's answer section (other types, e.g. CNAME, are skipped). */
export function decodeAnswer(msg: Buffer): WireAnswer {
  const r = new Reader(msg);
  const id = r.u16();
  const flags = r.u16();
  if ((flags & 0x8000) === 0) throw new DnsWireError('not an answer (QR bit clear)');
  const qd = r.u16();
  const an = r.u16();
  r.u16();
  r.u16();
  for (let i = 0; i < qd; i++) {
    r.name();
    r.skip(4);
  }
  const records: WireRecord[] = [];
  for (let i = 0; i < an; i++) {
    r.name();
    const type = r.u16();
    const cls = r.u16();
    const ttl = r.u32();
    const len = r.u16();
    const end = r.pos + len;
    if (end > msg.length) throw new DnsWireError('a record runs past the end of the answer');
    if (cls === CLASS_IN && type === QTYPE.SRV) {
      const priority = r.u16();
      const weight = r.u16();
      const port = r.u16();
      records.push({ type: 'SRV', ttl, priority, weight, port, target: r.name() });
    } else if (cls === CLASS_IN && type === QTYPE.MX) {
      const preference = r.u16();
      records.push({ type: 'MX', ttl, preference, exchange: r.name() });
    }
    r.pos = end;
  }
  return { id, rcode: flags & 0xf, truncated: (flags & 0x0200) !== 0, records };
}

class Reader {
  pos = 0;
  constructor(private readonly b: Buffer) {}

  private need(n: number): void {
    if (this.pos + n > this.b.length) throw new DnsWireError('the answer ends early');
  }

  u16(): number {
    this.need(2);
    const v = this.b.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  u32(): number {
    this.need(4);
    const v = this.b.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }

  /** A domain name, rooted ("host.example."), following compression pointers (at most 64). */
  name(): string {
    const labels: string[] = [];
    let at = this.pos;
    let jumped = false;
    for (let hops = 0; ;) {
      if (at >= this.b.length) throw new DnsWireError('a name runs past the end of the answer');
      const len = this.b[at];
      if (len === 0) {
        if (!jumped) this.pos = at + 1;
        break;
      }
      if ((len & 0xc0) === 0xc0) {
        if (at + 1 >= this.b.length) throw new DnsWireError('a name pointer runs past the end');
        if (++hops > 64) throw new DnsWireError('a name has a pointer loop');
        if (!jumped) this.pos = at + 2;
        jumped = true;
        at = ((len & 0x3f) << 8) | this.b[at + 1];
        continue;
      }
      if ((len & 0xc0) !== 0) throw new DnsWireError('a name has an unknown label type');
      if (at + 1 + len > this.b.length) throw new DnsWireError('a label runs past the end');
      labels.push(this.b.toString('latin1', at + 1, at + 1 + len));
      at += 1 + len;
    }
    return labels.length === 0 ? '.' : labels.join('.') + '.';
  }
}
