# case: AllenNLP (0.8) InitializerApplicator with the "uniform_unit_scaling" initializer matched to an LSTM encoder's weights: uniform_unit_scaling() ends with `return tensor.uniform_(-max_value, max_value)` on the nn.Parameter itself, with grad mode on
# source: https://github.com/allenai/allennlp/issues/2239
import math
import re

import torch


def uniform_unit_scaling(tensor: torch.Tensor, nonlinearity: str = "linear"):
    size = 1.
    # Estimate the input size. This won't work perfectly,
    # but it covers almost all use cases where this initialiser
    # would be expected to be useful, i.e in large linear and
    # convolutional layers, as the last dimension will almost
    # always be the output size.
    for dimension in list(tensor.size())[:-1]:
        size *= dimension
    activation_scaling = torch.nn.init.calculate_gain(nonlinearity, tensor)
    max_value = math.sqrt(3 / size) * activation_scaling
    return tensor.uniform_(-max_value, max_value)  # expect: GG001  # raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation


class InitializerApplicator:
    def __init__(self, initializers=None, prevent_regexes=None):
        self._initializers = initializers or []
        self._prevent_regex = None
        if prevent_regexes:
            self._prevent_regex = "(" + ")|(".join(prevent_regexes) + ")"

    def __call__(self, module: torch.nn.Module) -> None:
        unused_regexes = {initializer[0] for initializer in self._initializers}
        for name, parameter in module.named_parameters():
            for initializer_regex, initializer in self._initializers:
                allow = self._prevent_regex is None or not bool(re.search(self._prevent_regex, name))
                if allow and re.search(initializer_regex, name):
                    initializer(parameter)
                    unused_regexes.discard(initializer_regex)
                    break


class LstmTagger(torch.nn.Module):
    def __init__(self, vocab_size, embedding_dim, hidden_dim, num_tags, initializer=InitializerApplicator()):
        super().__init__()
        self.word_embeddings = torch.nn.Embedding(vocab_size, embedding_dim)
        self.encoder = torch.nn.LSTM(embedding_dim, hidden_dim, batch_first=True, bidirectional=True)
        self.hidden2tag = torch.nn.Linear(2 * hidden_dim, num_tags)
        initializer(self)

    def forward(self, tokens, tags):
        encoded, _ = self.encoder(self.word_embeddings(tokens))
        logits = self.hidden2tag(encoded)
        return torch.nn.functional.cross_entropy(logits.view(-1, logits.size(-1)), tags.view(-1))


initializer = InitializerApplicator([
    ("encoder.*weight", uniform_unit_scaling),
    ("hidden2tag.weight", torch.nn.init.xavier_uniform_),
])
model = LstmTagger(vocab_size=20, embedding_dim=6, hidden_dim=5, num_tags=4, initializer=initializer)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
tokens, tags = torch.randint(0, 20, (2, 7)), torch.randint(0, 4, (2, 7))
loss = model(tokens, tags)
loss.backward()
optimizer.step()
