# ax runs the other tools; it links nothing beyond libax.
