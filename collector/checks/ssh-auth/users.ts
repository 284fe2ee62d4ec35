// Which attempted user names may be shown in a finding: people sometimes type a password at the user-name prompt.

/**
 * Account names that SSH brute-force dictionaries try on every internet-facing server (the names that dominate
 * honeypot reports such as Cowrie's and the SANS ISC SSH summaries). A name on this list is a dictionary word, not a
 * typed password, so it is safe to print; any other non-existent user name is only counted.
 */
const COMMON_ATTACKED_NAMES: ReadonlySet<string> = new Set([
  'root', 'admin', 'administrator', 'user', 'test', 'guest', 'ubuntu', 'debian', 'pi', 'oracle', 'postgres', 'mysql',
  'git', 'ftp', 'ftpuser', 'www-data', 'support', 'ubnt', 'nagios', 'hadoop', 'jenkins', 'deploy', 'dev', 'devops',
  'ansible', 'docker', 'minecraft', 'steam', 'tomcat', 'elastic', 'kafka', 'redis', 'mongodb', 'centos', 'ec2-user',
  'azureuser', 'vagrant', 'sysadmin', 'operator', 'backup', 'test1', 'test2', 'user1', 'demo', 'server', 'web',
  'teamspeak', 'ts3', 'odoo', 'nginx', 'apache', 'solana', 'sol', 'validator', 'node', 'bitcoin', 'info', 'sales',
  'service', 'default', 'manager', 'system', 'student', 'temp', 'webmaster', 'zabbix', 'gitlab', 'ftptest', 'nobody',
]);

/**
 * What an account name can look like (useradd's rules, plus "@" for directory users such as alex@ad.example). A name
 * outside it cannot be an account, so a line claiming one was forged or mangled (any local program can write to
 * syslog as "sshd"): it is never an event and never printed.
 */
const ACCOUNT_NAME = /^[A-Za-z0-9._][A-Za-z0-9._@-]{0,63}\$?$/;

/** True when the text can be an account name. */
export function isAccountName(name: string): boolean {
  return ACCOUNT_NAME.test(name);
}

/** True when an attempted user name may appear in a finding: an existing account (sshd said so) or a dictionary name. */
export function isShowableUser(name: string, existing: boolean): boolean {
  return existing ? isAccountName(name) : COMMON_ATTACKED_NAMES.has(name);
}

/** 32-bit FNV-1a: distinct user names are counted by hash, so no name that is not showable is ever kept. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
