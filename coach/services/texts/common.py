"""Words more than one feature uses: short toasts and list joining."""

TOAST_SAVED = "Saved"
TOAST_GOT_IT = "Got it"
# A list of two or more, as in "I still need numbness and balance".
LIST_AND = "{rest} and {last}"
