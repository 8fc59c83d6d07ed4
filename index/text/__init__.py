"""Vietnamese text: normalisation, tone placement, folding, syllables, words."""
