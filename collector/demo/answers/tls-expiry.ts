// Demo answers for tls-expiry: four endpoints seen from the Ubuntu box, with real certificates made once by openssl.
import type { FixtureAnswer } from '../../host/fixture';
import { fileAnswer } from '../builders';
import type { DemoAnswers } from './types';

/** Where the demo config points checks.tls-expiry.ca_file: the homelab's private root CA. */
export const DEMO_CA_FILE = '/home/alex/.config/vigil/homelab-ca.pem';

// Generated with openssl 3.0 (EC P-256, `openssl ca -startdate/-enddate`), fixed dates, private keys discarded.
/** "Homelab Root CA", 2025-01-01 to 2035-01-01 (the unifi demo trusts it too: it signed the UDM's certificate). */
export const HOMELAB_CA = `-----BEGIN CERTIFICATE-----
MIIBijCCATCgAwIBAgICIAEwCgYIKoZIzj0EAwIwLDEQMA4GA1UECgwHSG9tZWxh
YjEYMBYGA1UEAwwPSG9tZWxhYiBSb290IENBMB4XDTI1MDEwMTAwMDAwMFoXDTM1
MDEwMTAwMDAwMFowLDEQMA4GA1UECgwHSG9tZWxhYjEYMBYGA1UEAwwPSG9tZWxh
YiBSb290IENBMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEC6n59MKydIX0bVKg
PGocn9V2QAPom1xvQoeXLHdJsRtFzTEV6JJzLAeNV/rckU47l1hjfG0yYe67gObx
z2b71aNCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0O
BBYEFOwPx2uvRDuicfaI4WsBxIsL11IGMAoGCCqGSM49BAMCA0gAMEUCIA20w0cj
AC2hmiVtUT+PaLFghPNSAb/AbQZFoN+NzOrzAiEAsypkwSCIPp/a8/NRvoMHD/Jo
KHMDMbpNqP3k4imWOec=
-----END CERTIFICATE-----
`;

/** vault.home.arpa: a 90-day certificate issued 2026-09-14 that runs out on 2026-12-13 (20 days before the demo's Monday). */
const VAULT = `-----BEGIN CERTIFICATE-----
MIIBqjCCAU+gAwIBAgICIAIwCgYIKoZIzj0EAwIwLDEQMA4GA1UECgwHSG9tZWxh
YjEYMBYGA1UEAwwPSG9tZWxhYiBSb290IENBMB4XDTI2MDkxNDEyMDAwMFoXDTI2
MTIxMzEyMDAwMFowGjEYMBYGA1UEAwwPdmF1bHQuaG9tZS5hcnBhMFkwEwYHKoZI
zj0CAQYIKoZIzj0DAQcDQgAEaHOZRzV9HaBTW1ZhiF4OeK+yw1s8v/xGN1JLVznU
d6cPl2NJayX09rqMPmJB5TnaxBpDPraRKcxjhMLBiLt7DKNzMHEwGgYDVR0RBBMw
EYIPdmF1bHQuaG9tZS5hcnBhMBMGA1UdJQQMMAoGCCsGAQUFBwMBMB0GA1UdDgQW
BBRnh7hRXKIaZ0n1DilIFqMBMnHhiDAfBgNVHSMEGDAWgBTsD8drr0Q7onH2iOFr
AcSLC9dSBjAKBggqhkjOPQQDAgNJADBGAiEAynoq9QWdPc+1fW9NAoPFc1GMESZG
YmEJhpA83C2xL8cCIQDPMkNo5aED9FMYPKyhH/Nn5Xl5bPFymQvUMK1/yNU1NA==
-----END CERTIFICATE-----
`;

/** ha.home.arpa: a one-year certificate, 2026-06-01 to 2027-06-01. */
const HOME_ASSISTANT = `-----BEGIN CERTIFICATE-----
MIIBpDCCAUmgAwIBAgICIAMwCgYIKoZIzj0EAwIwLDEQMA4GA1UECgwHSG9tZWxh
YjEYMBYGA1UEAwwPSG9tZWxhYiBSb290IENBMB4XDTI2MDYwMTAwMDAwMFoXDTI3
MDYwMTAwMDAwMFowFzEVMBMGA1UEAwwMaGEuaG9tZS5hcnBhMFkwEwYHKoZIzj0C
AQYIKoZIzj0DAQcDQgAEqpDq8kfXBcIRtVPfrBaZrcj+qK6cCokXpSLhZUTRVdzd
FfQ3jxQwdIPzT4RAnbHgrkpIi4ZXC/l6Bz3LXPF0XaNwMG4wFwYDVR0RBBAwDoIM
aGEuaG9tZS5hcnBhMBMGA1UdJQQMMAoGCCsGAQUFBwMBMB0GA1UdDgQWBBR5ZKW5
t+A/pYhQCRY7kF11K8+11zAfBgNVHSMEGDAWgBTsD8drr0Q7onH2iOFrAcSLC9dS
BjAKBggqhkjOPQQDAgNJADBGAiEArKWwiE6lOQpIeA0V5D7kiU7h6mFgv5F9onDU
VZmZyKsCIQDVbEB4jNaH+yOolGNqOl8l+2Dl6qKIP3ZCnc8EPNllIw==
-----END CERTIFICATE-----
`;

/** git.home.arpa: a 90-day certificate, 2026-10-25 to 2027-01-23. */
const GITEA = `-----BEGIN CERTIFICATE-----
MIIBpTCCAUugAwIBAgICIAQwCgYIKoZIzj0EAwIwLDEQMA4GA1UECgwHSG9tZWxh
YjEYMBYGA1UEAwwPSG9tZWxhYiBSb290IENBMB4XDTI2MTAyNTAwMDAwMFoXDTI3
MDEyMzAwMDAwMFowGDEWMBQGA1UEAwwNZ2l0LmhvbWUuYXJwYTBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABElckHCLmRYqpKk0Fy8iEv4AOdxuUYkg0Jai8JDk9iRM
EwttJhjSt8uvBr8ajBR8Czd5XR5VauzVhhaeY0/quTCjcTBvMBgGA1UdEQQRMA+C
DWdpdC5ob21lLmFycGEwEwYDVR0lBAwwCgYIKwYBBQUHAwEwHQYDVR0OBBYEFOKl
f/BioB1XG4mA1ohH2veNB/hlMB8GA1UdIwQYMBaAFOwPx2uvRDuicfaI4WsBxIsL
11IGMAoGCCqGSM49BAMCA0gAMEUCIQDR8u/uaoF1Wgs9FALp08mpp104Qy7J8Fmk
K6PcYwVucgIgFVwsLrQCAyje3G3/0qCgfB9UvzaITSnXHH3WuU6lSIw=
-----END CERTIFICATE-----
`;

/** DSM's factory certificate: self-signed by "Synology Inc.", CN and SAN "synology", valid 2024-2044. */
const SYNOLOGY_DEFAULT = `-----BEGIN CERTIFICATE-----
MIIBuDCCAV6gAwIBAgICIAUwCgYIKoZIzj0EAwIwSTELMAkGA1UEBhMCVFcxDzAN
BgNVBAcMBlRhaXBlaTEWMBQGA1UECgwNU3lub2xvZ3kgSW5jLjERMA8GA1UEAwwI
c3lub2xvZ3kwHhcNMjQwMzAyMTAxNTAwWhcNNDQwMjI2MTAxNTAwWjBJMQswCQYD
VQQGEwJUVzEPMA0GA1UEBwwGVGFpcGVpMRYwFAYDVQQKDA1TeW5vbG9neSBJbmMu
MREwDwYDVQQDDAhzeW5vbG9neTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABH70
DZrJwrN1NZ56WsmBtvbwjSTII4kmUM2plJ7Wq0N8Bq5DC+7yJJsu9ll1a9LllmbV
JFiMZ00kHeJ/q6fNlFyjNjA0MBMGA1UdEQQMMAqCCHN5bm9sb2d5MB0GA1UdDgQW
BBTr2MpjtMQfco3xpnP9biFn4fz/mTAKBggqhkjOPQQDAgNIADBFAiEAwYF8w4/A
svLKvwFCp3fAoTzJAx6831ucTx065KFvsxcCIDVr3FO9pw/17RmRSl33yqBkek0d
4VAeBeU02IyLCwm8
-----END CERTIFICATE-----
`;

function handshake(host: string, port: number, chain: string[], authorizationError: string | null, protocol = 'TLSv1.3'): FixtureAnswer {
  return { op: 'tls', request: { host, port }, result: { chainPem: chain, authorizationError, protocol } };
}

/** tls-expiry runs on the machine running Vigil: the Ubuntu box. */
export const tlsExpiryAnswers: DemoAnswers = {
  ubuntu: () => [
    fileAnswer(DEMO_CA_FILE, HOMELAB_CA),
    // Vaultwarden behind Caddy with the homelab CA: valid, but the renewal cron stopped in September.
    handshake('vault.home.arpa', 443, [VAULT], null),
    handshake('ha.home.arpa', 8123, [HOME_ASSISTANT], null),
    // DSM still serves the certificate it shipped with.
    handshake('nas.home.arpa', 5001, [SYNOLOGY_DEFAULT], 'DEPTH_ZERO_SELF_SIGNED_CERT', 'TLSv1.2'),
    handshake('git.home.arpa', 443, [GITEA], null),
  ],
};
