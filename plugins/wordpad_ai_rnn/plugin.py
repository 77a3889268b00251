"""Registers the simple RNN next-word model: the shared recurrent LM with the Elman cell."""

from __future__ import annotations

from wordpad_ai import hookimpl
from wordpad_ai.neural.model import RecurrentModel

from .cell import RNNCell


class RNNModel(RecurrentModel):
    model_id = "rnn"
    cell = RNNCell
    display_name = "Simple RNN"
    description = "Elman recurrent network: small and fast, shorter memory than the LSTM."


@hookimpl
def wordpad_ai_register_models(register):
    register(RNNModel)
