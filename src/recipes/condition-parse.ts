import { malformed, tokenize, type CompareOp, type Token } from './condition-tokens.js';
import { isRecipeError, recipeError } from './recipe-error.js';
import { parseTemplate, singlePlaceholder, type Placeholder } from './template.js';

/**
 * A parsed condition. Precedence, loosest first: `or`, `and`, `not`, then one comparison
 * (`== != < > <= >=`, not chained); parentheses group.
 */
export type Condition =
  | { kind: 'or' | 'and'; left: Condition; right: Condition }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; op: CompareOp; left: Condition; right: Condition; at: number }
  | { kind: 'variable'; placeholder: Placeholder }
  /** Quoted text; templates inside it are rendered. */
  | { kind: 'text'; template: string }
  | { kind: 'literal'; value: number | boolean | null };

/** Parses a condition, or throws a RecipeError quoting it and saying what is wrong where. */
export function parseCondition(condition: string): Condition {
  try {
    return new Parser(tokenize(condition), condition.length).parse();
  } catch (e) {
    if (!isRecipeError(e)) throw e;
    throw recipeError(`malformed condition "${condition}": ${e.problems[0]?.message ?? 'not a condition'}`);
  }
}

class Parser {
  private next = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly end: number,
  ) {}

  parse(): Condition {
    if (this.tokens.length === 0) throw recipeError('it is empty');
    const condition = this.or();
    const extra = this.peek();
    if (extra) throw malformed(extra.at, `expected and, or or the end, found ${describe(extra)}`);
    return condition;
  }

  private or(): Condition {
    let left = this.and();
    while (this.takeWord('or')) left = { kind: 'or', left, right: this.and() };
    return left;
  }

  private and(): Condition {
    let left = this.not();
    while (this.takeWord('and')) left = { kind: 'and', left, right: this.not() };
    return left;
  }

  private not(): Condition {
    return this.takeWord('not') ? { kind: 'not', operand: this.not() } : this.comparison();
  }

  private comparison(): Condition {
    const left = this.operand();
    const op = this.peek();
    if (op?.kind !== 'compare') return left;
    this.next += 1;
    const right = this.operand();
    const chained = this.peek();
    if (chained?.kind === 'compare') throw malformed(chained.at, 'comparisons cannot be chained; join them with and');
    return { kind: 'compare', op: op.op, left, right, at: op.at };
  }

  private operand(): Condition {
    const token = this.peek();
    if (!token) throw malformed(this.end, 'expected a value but the condition ends');
    this.next += 1;
    switch (token.kind) {
      case 'template':
        return { kind: 'variable', placeholder: variable(token.text) };
      case 'text':
        parseTemplate(token.text); // a malformed template inside quotes is an error now, not when it runs
        return { kind: 'text', template: token.text };
      case 'number':
        return { kind: 'literal', value: token.value };
      case 'open':
        return this.group();
      case 'word':
        if (token.word === 'true' || token.word === 'false') return { kind: 'literal', value: token.word === 'true' };
        if (token.word === 'none') return { kind: 'literal', value: null };
    }
    throw malformed(token.at, `expected a value, found ${describe(token)}`);
  }

  private group(): Condition {
    const inner = this.or();
    const close = this.peek();
    if (close?.kind !== 'close') throw malformed(close?.at ?? this.end, "expected ')'");
    this.next += 1;
    return inner;
  }

  private takeWord(word: string): boolean {
    const token = this.peek();
    if (token?.kind !== 'word' || token.word !== word) return false;
    this.next += 1;
    return true;
  }

  private peek(): Token | undefined {
    return this.tokens[this.next];
  }
}

function variable(text: string): Placeholder {
  const placeholder = singlePlaceholder(text);
  if (!placeholder) throw recipeError(`malformed template ${text}`);
  return placeholder;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'template':
      return token.text;
    case 'text':
      return `'${token.text}'`;
    case 'number':
      return String(token.value);
    case 'word':
      return token.word;
    case 'compare':
      return token.op;
    case 'open':
      return "'('";
    case 'close':
      return "')'";
  }
}

/** Every template a condition holds: its variables and the texts of its quoted strings. */
export function conditionTemplates(condition: Condition): string[] {
  switch (condition.kind) {
    case 'or':
    case 'and':
    case 'compare':
      return [...conditionTemplates(condition.left), ...conditionTemplates(condition.right)];
    case 'not':
      return conditionTemplates(condition.operand);
    case 'variable':
      return [condition.placeholder.text];
    case 'text':
      return [condition.template];
    case 'literal':
      return [];
  }
}
