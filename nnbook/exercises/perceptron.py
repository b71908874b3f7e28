"""The exercises of the chapter perceptron (in progress)."""
