from .rnn import RNN
