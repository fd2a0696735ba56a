"""The scalar engine: parsing text to SymPy trees, the rules that build step trees, and what is computed from them."""
