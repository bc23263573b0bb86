interface Props {
  submit: string;
  disabled: boolean;
  danger?: boolean;
  onClose: () => void;
}

/** The two buttons under a card's inline form: do it, or go back to the card. */
export function FormActions({ submit, disabled, danger = false, onClose }: Props) {
  return (
    <div class="board-actions">
      <button type="submit" class={danger ? 'danger' : 'primary'} disabled={disabled}>
        {submit}
      </button>
      <button type="button" onClick={onClose}>
        Back
      </button>
    </div>
  );
}
