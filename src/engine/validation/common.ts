/**
 * Checks pkg/apis/core/validation shares between Services, Pods and Endpoints: ValidatePortNumOrName,
 * ValidateNonSpecialIP and the supported protocols.
 */
import { fieldInvalid, type FieldError, type FieldPath } from '../api/field-error.ts';
import { formatParsedIP, isValidPortName, isValidPortNum, parseIPSloppy } from './formats.ts';

/** supportedPortProtocols, as sets.List prints it (sorted). */
export const SUPPORTED_PORT_PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** ValidatePortNumOrName: an int must be 1..65535, a string an IANA_SVC_NAME. */
export function validatePortNumOrName(port: number | string | undefined, path: FieldPath): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => fieldInvalid(path, port, m));
  const n = typeof port === 'number' ? port : 0;
  return isValidPortNum(n).map((m) => fieldInvalid(path, n, m));
}

/**
 * ValidateNonSpecialIP: Endpoints, EndpointSlices and externalIPs may not be unspecified, loopback,
 * link-local or link-local multicast addresses.
 */
export function validateNonSpecialIP(ipAddress: string, path: FieldPath): FieldError[] {
  const ip = parseIPSloppy(ipAddress);
  if (!ip) return [fieldInvalid(path, ipAddress, 'must be a valid IP address')];
  const errs: FieldError[] = [];
  const b = ip.bytes;
  const v4 = b.slice(12);
  const allZero = ip.is4 ? v4.every((x) => x === 0) : b.every((x) => x === 0);
  const loopback = ip.is4 ? v4[0] === 127 : formatParsedIP(ip) === '::1';
  const linkLocalUnicast = ip.is4
    ? v4[0] === 169 && v4[1] === 254
    : b[0] === 0xfe && ((b[1] ?? 0) & 0xc0) === 0x80;
  const linkLocalMulticast = ip.is4
    ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0
    : b[0] === 0xff && ((b[1] ?? 0) & 0x0f) === 0x02;
  if (allZero) errs.push(fieldInvalid(path, ipAddress, `may not be unspecified (${ipAddress})`));
  if (loopback)
    errs.push(fieldInvalid(path, ipAddress, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (linkLocalUnicast) {
    errs.push(
      fieldInvalid(path, ipAddress, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'),
    );
  }
  if (linkLocalMulticast) {
    errs.push(
      fieldInvalid(path, ipAddress, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'),
    );
  }
  return errs;
}
