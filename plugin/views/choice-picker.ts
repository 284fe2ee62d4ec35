// A palette picker over labelled choices; choosing one runs it.
import { FuzzySuggestModal, type App } from 'obsidian';

/** One choice: its label and what choosing it does. */
export interface Choice {
  label: string;
  run(): void;
}

/** Lists the choices in Obsidian's fuzzy picker. */
export class ChoicePicker extends FuzzySuggestModal<Choice> {
  constructor(
    app: App,
    private readonly choices: Choice[],
    placeholder: string,
  ) {
    super(app);
    this.setPlaceholder(placeholder);
  }

  getItems(): Choice[] {
    return this.choices;
  }

  getItemText(choice: Choice): string {
    return choice.label;
  }

  onChooseItem(choice: Choice): void {
    choice.run();
  }
}
