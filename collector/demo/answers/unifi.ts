// Demo answers for unifi: the homelab's UDM Pro (UniFi OS) seen from the Ubuntu box, in the controller's JSON shapes.
import type { FixtureAnswer } from '../../host/fixture';
import { fileAnswer, hoursBefore } from '../builders';
import { DEMO_CA_FILE, HOMELAB_CA } from './tls-expiry';
import type { DemoAnswers } from './types';

/** Where the demo config points checks.unifi.url. */
export const DEMO_UNIFI_URL = 'https://unifi.home.arpa';
/** The MAC addresses the demo config lists in checks.unifi.known_macs (Shelly plugs by vendor prefix). */
export const DEMO_KNOWN_MACS = ['a8:a1:59:3e:71:0c', '00:11:32:ab:cd:ef', 'dc:a6:32:4e:19:7b', 'f0:18:98:5c:2e:41', '8c:85:90:1d:6a:33', 'e8:db:84:*'];

const SITE_ID = '5f0c1a2b3c4d5e6f7a8b9c0d';
const secs = (d: Date) => Math.floor(d.getTime() / 1000);

function get(path: string, data: unknown[]): FixtureAnswer {
  const url = `${DEMO_UNIFI_URL}/proxy/network/api/s/default/${path}`;
  return { op: 'http', request: { method: 'GET', url }, result: { status: 200, headers: {}, json: { meta: { rc: 'ok' }, data } } };
}

function client(mac: string, hostname: string, oui: string, ip: string, now: Date, wifi: { essid: string } | null, firstSeen = new Date('2025-03-02T10:00:00Z')) {
  return {
    _id: `64a1f0c2e4b0${mac.replace(/:/g, '').slice(0, 12)}`,
    site_id: SITE_ID,
    mac,
    hostname,
    oui,
    ip,
    network: 'LAN',
    is_guest: false,
    is_wired: wifi === null,
    first_seen: secs(firstSeen),
    last_seen: secs(now) - 9,
    uptime: 86_000,
    ...(wifi ? { essid: wifi.essid, ap_mac: '74:83:c2:aa:bb:01', radio: 'na', channel: 36, signal: -61 } : { sw_mac: '74:83:c2:cc:dd:01', sw_port: 4 }),
  };
}

function device(mac: string, model: string, type: string, name: string, ip: string, state: number, lastSeen: Date) {
  return { _id: `5f0c1a2b3c4d${mac.replace(/:/g, '').slice(0, 12)}`, site_id: SITE_ID, mac, model, type, name, ip, adopted: true, state, version: '7.0.83.15498', last_seen: secs(lastSeen) };
}

function entry(id: number, key: string, at: Date, fields: Record<string, unknown>) {
  return { _id: `6740c1d2e3f4a5b6c7d8${id.toString(16).padStart(4, '0')}`, key, site_id: SITE_ID, time: at.getTime(), datetime: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), ...fields };
}

/** unifi runs on the machine running Vigil: the Ubuntu box. */
export const unifiAnswers: DemoAnswers = {
  ubuntu: (now) => [
    fileAnswer(DEMO_CA_FILE, HOMELAB_CA),
    // UniFi OS answers GET / with its web app (a classic controller would redirect to /manage).
    { op: 'http', request: { method: 'GET', url: `${DEMO_UNIFI_URL}/` }, result: { status: 200, headers: {}, body: '<!DOCTYPE html><html lang="en"><head><title>UniFi OS</title></head><body><div id="root"></div></body></html>' } },
    {
      op: 'http',
      request: { method: 'POST', url: `${DEMO_UNIFI_URL}/api/auth/login` },
      result: { status: 200, headers: {}, json: { unique_id: 'b7e1c2a4-55d0-4a5e-9c1f-1d2e3f4a5b6c', first_name: 'Vigil', last_name: '', username: 'vigil', local_account_exist: true, isOwner: false } },
    },
    get('stat/device', [
      device('74:ac:b9:14:2a:10', 'UDMPRO', 'udm', 'UDM Pro', '192.168.1.1', 1, now),
      device('74:83:c2:cc:dd:01', 'USL8LP', 'usw', 'Office switch', '192.168.1.3', 1, now),
      device('74:83:c2:aa:bb:01', 'UAL6', 'uap', 'Living room AP', '192.168.1.4', 1, now),
      // The mesh AP in the garden lost power when the outdoor socket tripped last night.
      device('74:83:c2:aa:bb:77', 'UAM6', 'uap', 'Garden AP', '192.168.1.6', 0, hoursBefore(now, 9)),
    ]),
    get('stat/sta', [
      client('a8:a1:59:3e:71:0c', 'ubuntu', 'ASRockIncorporation', '192.168.1.20', now, null),
      client('00:11:32:ab:cd:ef', 'nas', 'Synology', '192.168.1.10', now, null),
      client('dc:a6:32:4e:19:7b', 'sentinel', 'Raspberry Pi Trading Ltd', '192.168.1.5', now, null),
      client('f0:18:98:5c:2e:41', 'Alexs-iPhone', 'Apple', '192.168.1.31', now, { essid: 'Hogwarts' }),
      client('8c:85:90:1d:6a:33', 'Alexs-MacBook-Air', 'Apple', '192.168.1.32', now, { essid: 'Hogwarts' }),
      client('e8:db:84:11:22:33', 'shellyplug-s-112233', 'Espressif', '192.168.1.60', now, { essid: 'Hogwarts' }),
      // Nobody knows this one: it joined at 01:02 and asked DHCP for the hostname "kali".
      client('3c:22:fb:9a:41:07', 'kali', 'Apple', '192.168.1.57', now, { essid: 'Hogwarts' }, hoursBefore(now, 5.2)),
    ]),
    get('list/alarm', [
      entry(1, 'EVT_IPS_IpsAlert', hoursBefore(now, 5.2), {
        archived: false,
        subsystem: 'www',
        src_ip: '192.168.1.57',
        src_port: 68,
        src_mac: '3c:22:fb:9a:41:07',
        dest_ip: '192.168.1.1',
        dest_port: 67,
        proto: 'UDP',
        inner_alert_action: 'allowed',
        inner_alert_signature_id: 2022973,
        inner_alert_signature: 'ET POLICY Possible Kali Linux hostname in DHCP Request Packet',
        inner_alert_category: 'Potential Corporate Privacy Violation',
        inner_alert_severity: 1,
        catname: 'POLICY',
        msg: 'Threat Management Alert 1: Potential Corporate Privacy Violation. Signature ET POLICY Possible Kali Linux hostname in DHCP Request Packet. From: 192.168.1.57:68, to: 192.168.1.1:67, protocol: UDP',
      }),
      entry(2, 'EVT_IPS_IpsAlert', hoursBefore(now, 3.1), {
        archived: false,
        subsystem: 'www',
        src_ip: '198.51.100.23',
        src_port: 40112,
        dest_ip: '203.0.113.5',
        dest_port: 22,
        proto: 'TCP',
        inner_alert_action: 'blocked',
        inner_alert_signature_id: 2001219,
        inner_alert_signature: 'ET SCAN Potential SSH Scan',
        inner_alert_category: 'Attempted Information Leak',
        inner_alert_severity: 2,
        catname: 'SCAN',
      }),
      entry(3, 'EVT_AP_Lost_Contact', hoursBefore(now, 9), { archived: false, subsystem: 'wlan', ap: '74:83:c2:aa:bb:77', ap_name: 'Garden AP', msg: 'AP[74:83:c2:aa:bb:77] was disconnected' }),
    ]),
    get('stat/event', [
      entry(11, 'EVT_GW_WANTransition', hoursBefore(now, 2.2), { subsystem: 'wan', gw: '74:ac:b9:14:2a:10', gw_name: 'UDM Pro', iface: 'eth8', state: 'failover' }),
      entry(12, 'EVT_GW_WANTransition', hoursBefore(now, 2.05), { subsystem: 'wan', gw: '74:ac:b9:14:2a:10', gw_name: 'UDM Pro', iface: 'eth8', state: 'active' }),
      entry(13, 'EVT_WU_Connected', hoursBefore(now, 5.2), { subsystem: 'wlan', user: '3c:22:fb:9a:41:07', ssid: 'Hogwarts', ap: '74:83:c2:aa:bb:01', hostname: 'kali' }),
    ]),
  ],
};
