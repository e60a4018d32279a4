# source: https://github.com/spro/practical-pytorch/issues/27
# case: batched seq2seq tutorial: each decoder step's output is stored with `all_decoder_outputs[t] = decoder_output` into a zeros buffer that is read only after the loop (masked cross entropy)
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.autograd import Variable

SOS_token = 0


class EncoderRNN(nn.Module):
    def __init__(self, input_size, hidden_size, n_layers=1):
        super(EncoderRNN, self).__init__()
        self.embedding = nn.Embedding(input_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size, n_layers)

    def forward(self, input_seqs, hidden=None):
        outputs, hidden = self.gru(self.embedding(input_seqs), hidden)
        return outputs, hidden


class AttnDecoderRNN(nn.Module):
    def __init__(self, hidden_size, output_size, n_layers=1):
        super(AttnDecoderRNN, self).__init__()
        self.output_size = output_size
        self.n_layers = n_layers
        self.embedding = nn.Embedding(output_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size, n_layers)
        self.concat = nn.Linear(hidden_size * 2, hidden_size)
        self.out = nn.Linear(hidden_size, output_size)

    def forward(self, input_seq, last_hidden, encoder_outputs):
        embedded = self.embedding(input_seq).unsqueeze(0)
        rnn_output, hidden = self.gru(embedded, last_hidden)
        attn_weights = F.softmax(torch.einsum('sbh,bh->bs', encoder_outputs, rnn_output[0]), dim=1)
        context = torch.einsum('bs,sbh->bh', attn_weights, encoder_outputs)
        concat_output = torch.tanh(self.concat(torch.cat((rnn_output[0], context), 1)))
        output = self.out(concat_output)
        return output, hidden, attn_weights


def masked_cross_entropy(logits, target, length):
    log_probs_flat = F.log_softmax(logits.view(-1, logits.size(-1)), dim=1)
    losses = -torch.gather(log_probs_flat, 1, target.view(-1, 1)).view(*target.size())
    mask = torch.arange(target.size(1)).unsqueeze(0) < torch.tensor(length).unsqueeze(1)
    return (losses * mask.float()).sum() / mask.float().sum()


small_batch_size = 3
input_batches = torch.randint(1, 10, (5, small_batch_size))
target_batches = torch.randint(1, 10, (4, small_batch_size))
target_lengths = [4, 3, 2]
encoder_test = EncoderRNN(10, 8)
decoder_test = AttnDecoderRNN(8, 10)
encoder_outputs, encoder_hidden = encoder_test(input_batches, None)

max_target_length = max(target_lengths)
decoder_input = Variable(torch.LongTensor([SOS_token] * small_batch_size))
decoder_hidden = encoder_hidden[:decoder_test.n_layers]
all_decoder_outputs = Variable(torch.zeros(max_target_length, small_batch_size, decoder_test.output_size))

for t in range(max_target_length):
    decoder_output, decoder_hidden, decoder_attn = decoder_test(
        decoder_input, decoder_hidden, encoder_outputs
    )
    all_decoder_outputs[t] = decoder_output
    decoder_input = target_batches[t]

loss = masked_cross_entropy(
    all_decoder_outputs.transpose(0, 1).contiguous(),
    target_batches.transpose(0, 1).contiguous(),
    target_lengths
)
loss.backward()
print('loss', loss.item())
