/** Cluster DNS answers, per the Kubernetes DNS-Based Service Discovery specification (kubernetes/dns). */
export type DnsType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT';

export interface SrvAnswer {
  priority: number;
  weight: number;
  port: number;
  target: string;
}

export interface DnsQuery {
  name: string;
  type: DnsType;
  /** Namespace of the asking pod, for search-path expansion of short names; absent: no search path. */
  from?: string;
}

export interface DnsAnswer {
  name: string;
  type: DnsType;
  from?: string;
  rcode: 'NOERROR' | 'NXDOMAIN';
  /** Strings for A, AAAA, CNAME, PTR, TXT; SrvAnswer for SRV. */
  answers: (string | SrvAnswer)[];
  /** The fully qualified name that answered after search-path expansion. */
  resolvedName?: string;
  /** Set for ExternalName Services: the CNAME target. */
  cname?: string;
}
