"""Registers the LSTM next-word model: the shared recurrent LM with the LSTM cell."""

from __future__ import annotations

from wordpad_ai import hookimpl
from wordpad_ai.neural.model import RecurrentModel

from .cell import LSTMCell


class LSTMModel(RecurrentModel):
    model_id = "lstm"
    cell = LSTMCell
    display_name = "LSTM"
    description = "Long short-term memory network: remembers context over many words."


@hookimpl
def wordpad_ai_register_models(register):
    register(LSTMModel)
