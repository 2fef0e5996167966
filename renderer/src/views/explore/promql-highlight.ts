// PromQL token classes for the editor. Static class names (styled in explore.css with the theme's
// variables) instead of a runtime-generated highlight style.
import { tagHighlighter, tags } from '@lezer/highlight';

export const promqlHighlighter = tagHighlighter([
  { tag: tags.function(tags.variableName), class: 'pq-function' },
  { tag: tags.variableName, class: 'pq-metric' },
  { tag: tags.labelName, class: 'pq-label' },
  { tag: tags.string, class: 'pq-string' },
  { tag: tags.number, class: 'pq-number' },
  { tag: tags.operatorKeyword, class: 'pq-aggregation' },
  { tag: tags.modifier, class: 'pq-modifier' },
  { tag: [tags.operator, tags.logicOperator, tags.arithmeticOperator], class: 'pq-operator' },
  { tag: [tags.paren, tags.squareBracket, tags.brace], class: 'pq-bracket' },
  { tag: tags.comment, class: 'pq-comment' },
  { tag: tags.invalid, class: 'pq-invalid' },
]);
