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

/** One resource record as `dig` prints it; names without the trailing dot. */
export interface DnsRecord {
  name: string;
  ttl: number;
  type: DnsType;
  /** The address, target name or text; an SrvAnswer for SRV. */
  value: string | SrvAnswer;
}

/** One name the pod's resolver sent to CoreDNS while walking its resolv.conf search list. */
export interface DnsAttempt {
  name: string;
  rcode: 'NOERROR' | 'NXDOMAIN';
  answerCount: number;
  /** CoreDNS passed this name on to the upstream resolver (`forward . /etc/resolv.conf`). */
  forwarded?: boolean;
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
  /**
   * The name left the cluster zone and CoreDNS forwarded it upstream (`forward . /etc/resolv.conf`), which the
   * playground does not simulate: rcode is NXDOMAIN and answers hold only what CoreDNS itself added (a CNAME).
   */
  forwarded?: boolean;
  /** The answer section, record by record (CNAMEs before their targets' addresses). */
  records?: DnsRecord[];
  /** The additional section: addresses of SRV targets. */
  additional?: DnsRecord[];
  /** Every name the resolver tried, in order (one entry when no search path applied). */
  attempts?: DnsAttempt[];
}
