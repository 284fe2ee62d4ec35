// A quick picker of restore tests for the palette commands when the active note is not one.
import { FuzzySuggestModal, type App } from 'obsidian';
import type { RestoreCard } from './restore-model';
import { statusLabel } from './presentation';

/** Lists the given tests; choosing one runs `onChoose`. */
export class RestorePicker extends FuzzySuggestModal<RestoreCard> {
  constructor(
    app: App,
    private readonly cards: RestoreCard[],
    placeholder: string,
    private readonly onChoose: (card: RestoreCard) => void,
  ) {
    super(app);
    this.setPlaceholder(placeholder);
  }

  getItems(): RestoreCard[] {
    return this.cards;
  }

  getItemText(card: RestoreCard): string {
    return card.status ? `${card.title} (${statusLabel(card.status)})` : card.title;
  }

  onChooseItem(card: RestoreCard): void {
    this.onChoose(card);
  }
}
