# case: variant written for the set: plain fine-tuning of the BERT QA head (in-place clamp_ of the positions) with a logging pass that recomputes the loss of the same batch under torch.no_grad() before the backward; the second clamp_ still bumps the version of the position tensors that the training pass's cross-entropy saved, so the backward fails although the logging pass records no graph
# source: https://github.com/seanie12/SWEP/issues/3
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn import CrossEntropyLoss

torch.manual_seed(0)


class TinyBert(nn.Module):
    def __init__(self, vocab=30, hidden=16, max_len=12):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, hidden)
        self.position_embeddings = nn.Embedding(max_len, hidden)
        self.token_type_embeddings = nn.Embedding(2, hidden)
        self.LayerNorm = nn.LayerNorm(hidden)
        self.layer = nn.TransformerEncoderLayer(hidden, nhead=2, dim_feedforward=32, dropout=0.0, batch_first=True)

    def forward(self, input_ids=None, attention_mask=None, token_type_ids=None, inputs_embeds=None):
        if inputs_embeds is None:
            inputs_embeds = self.word_embeddings(input_ids)
        positions = torch.arange(inputs_embeds.shape[1]).unsqueeze(0)
        h = self.LayerNorm(inputs_embeds + self.position_embeddings(positions) + self.token_type_embeddings(token_type_ids))
        return (self.layer(h, src_key_padding_mask=attention_mask == 0),)


class BertForQuestionAnswering(nn.Module):
    def __init__(self, hidden=16):
        super().__init__()
        self.bert = TinyBert(hidden=hidden)
        self.qa_outputs = nn.Linear(hidden, 2)
        self.config = type("Config", (), {"hidden_dropout_prob": 0.1, "hidden_size": hidden})()

    def get_input_embeddings(self):
        return self.bert.word_embeddings

    def forward(self, input_ids=None, attention_mask=None, token_type_ids=None, inputs_embeds=None, start_positions=None, end_positions=None):
        sequence_output = self.bert(input_ids, attention_mask, token_type_ids, inputs_embeds)[0]
        logits = self.qa_outputs(sequence_output)
        start_logits, end_logits = logits.split(1, dim=-1)
        start_logits = start_logits.squeeze(-1)
        end_logits = end_logits.squeeze(-1)
        outputs = (start_logits, end_logits)
        if start_positions is not None and end_positions is not None:
            if len(start_positions.size()) > 1:
                start_positions = start_positions.squeeze(-1)
            if len(end_positions.size()) > 1:
                end_positions = end_positions.squeeze(-1)
            ignored_index = start_logits.size(1)
            start_positions.clamp_(0, ignored_index)  # expect: GG002
            end_positions.clamp_(0, ignored_index)  # expect: GG002
            loss_fct = CrossEntropyLoss(ignore_index=ignored_index)
            start_loss = loss_fct(start_logits, start_positions)  # saver
            end_loss = loss_fct(end_logits, end_positions)  # saver
            outputs = ((start_loss + end_loss) / 2,) + outputs
        return outputs


model = BertForQuestionAnswering()
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-5)
batches = []
for _ in range(2):
    input_ids = torch.randint(1, 30, (4, 12))
    attention_mask = torch.ones(4, 12, dtype=torch.long)
    attention_mask[:, 10:] = 0
    token_type_ids = torch.zeros(4, 12, dtype=torch.long)
    token_type_ids[:, 5:] = 1
    start_positions = torch.tensor([6, 7, 15, 8])  # one answer lies past the (truncated) context
    end_positions = torch.tensor([7, 9, 16, 8])
    batches.append((input_ids, attention_mask, token_type_ids, start_positions, end_positions))

model.train()
for input_ids, attention_mask, token_type_ids, start_positions, end_positions in batches:
    outputs = model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids, start_positions=start_positions, end_positions=end_positions)
    loss = outputs[0]
    model.eval()
    with torch.no_grad():
        eval_loss = model(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids, start_positions=start_positions, end_positions=end_positions)[0]
    model.train()
    print(f"loss {loss.item():.4f} eval {eval_loss.item():.4f}")
    optimizer.zero_grad()
    loss.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
