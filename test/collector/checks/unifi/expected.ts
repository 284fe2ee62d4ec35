// What the modelled-homelab scenario must produce, in order: shared by the stub test and the offline replay.

/** Severity and title of every finding modelled-homelab yields with the tests' known_macs, judged at 2026-11-23T06:15Z. */
export const HOMELAB: [string, string][] = [
  // Medium, not high: only an offline gateway takes the whole network down.
  ['medium', 'UniFi access point Attic AP is offline'],
  ['medium', 'Failed logins to the UniFi controller 3 times from 192.168.1.57'],
  ['high', 'UniFi threat alert (A Network Trojan was detected) from 192.168.1.57 to 203.0.113.66, not blocked'],
  ['high', 'Rogue access point imitates the network "Hogwarts"'],
  ['low', 'Port scan against 203.0.113.5 detected by the UniFi gateway, blocked'],
  ['medium', 'WAN failover on UDM Pro: 2 times in the last 24 hours'],
  ['medium', 'Unknown device 3c:22:fb:9a:41:07 (Marks-iPhone) joined the network'],
  ['low', 'Unknown device da:a1:19:5e:33:90 joined the guest network'],
];

/** The known_macs the tests configure: two wired machines, a phone written with dashes, and a vendor prefix. */
export const KNOWN_MACS = '["a8:a1:59:3e:71:0c", "00:11:32:ab:cd:ef", "F0-18-98-5C-2E-41", "e8:db:84:*"]';
