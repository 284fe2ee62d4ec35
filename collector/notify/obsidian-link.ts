// obsidian:// deep links that open a note of the vault on any device where Obsidian knows the vault by name.

/** `obsidian://open?vault=…&file=…` for a vault-relative note path (the `.md` is dropped, as Obsidian expects). */
export function obsidianOpenUrl(vaultName: string, notePath: string): string {
  const file = notePath.replace(/\.md$/i, '');
  return `obsidian://open?vault=${encodeURIComponent(vaultName)}&file=${encodeURIComponent(file)}`;
}
