import torch
import torch.nn as nn
import torch.nn.functional as F


class Resample(nn.Module):
    """stand-in for torchaudio's Resample: integer decimation by averaging"""

    def __init__(self, orig_freq, new_freq):
        super().__init__()
        self.factor = orig_freq // new_freq

    def forward(self, wav):
        return F.avg_pool1d(wav.unsqueeze(-2), self.factor).squeeze(-2)


class TinyWavLM(nn.Module):
    """stand-in for the frozen WavLM: a feature extractor returning one hidden state per layer"""

    def __init__(self, hidden, nlayers):
        super().__init__()
        self.feature_extractor = nn.Conv1d(1, hidden, 4, 2, 1)
        self.layers = nn.ModuleList([nn.Linear(hidden, hidden) for _ in range(nlayers - 1)])

    def forward(self, input_values, output_hidden_states=True):
        h = self.feature_extractor(input_values.unsqueeze(1)).transpose(1, 2)  # [B, T, C]
        hidden_states = [h]
        for layer in self.layers:
            h = h + torch.tanh(layer(h))
            hidden_states.append(h)
        return _ModelOutput(tuple(hidden_states))


class _ModelOutput:
    def __init__(self, hidden_states):
        self.hidden_states = hidden_states


class AutoModel:
    @staticmethod
    def from_pretrained(name, hidden=6, nlayers=3):
        torch.manual_seed(len(name))
        model = TinyWavLM(hidden, nlayers)
        for p in model.parameters():
            p.requires_grad_(False)
        return model.eval()


class WavLMLoss(torch.nn.Module):

    def __init__(self, model, wd, model_sr, slm_sr=16000, hidden=6, nlayers=3):
        super(WavLMLoss, self).__init__()
        self.wavlm = AutoModel.from_pretrained(model, hidden, nlayers)
        self.wd = wd
        self.resample = Resample(model_sr, slm_sr)

    def forward(self, wav, y_rec):
        with torch.no_grad():
            wav_16 = self.resample(wav)
            wav_embeddings = self.wavlm(input_values=wav_16, output_hidden_states=True).hidden_states
        y_rec_16 = self.resample(y_rec)
        y_rec_embeddings = self.wavlm(input_values=y_rec_16.squeeze(), output_hidden_states=True).hidden_states

        floss = 0
        for er, eg in zip(wav_embeddings, y_rec_embeddings):
            floss += torch.mean(torch.abs(er - eg))

        return floss.mean()

    def generator(self, y_rec):
        y_rec_16 = self.resample(y_rec)
        y_rec_embeddings = self.wavlm(input_values=y_rec_16, output_hidden_states=True).hidden_states
        y_rec_embeddings = torch.stack(y_rec_embeddings, dim=1).transpose(-1, -2).flatten(start_dim=1, end_dim=2)
        y_df_hat_g = self.wd(y_rec_embeddings)
        loss_gen = torch.mean((1 - y_df_hat_g) ** 2)

        return loss_gen

    def discriminator(self, wav, y_rec):
        with torch.no_grad():
            wav_16 = self.resample(wav)
            wav_embeddings = self.wavlm(input_values=wav_16, output_hidden_states=True).hidden_states
            y_rec_16 = self.resample(y_rec)
            y_rec_embeddings = self.wavlm(input_values=y_rec_16, output_hidden_states=True).hidden_states

            y_embeddings = torch.stack(wav_embeddings, dim=1).transpose(-1, -2).flatten(start_dim=1, end_dim=2)
            y_rec_embeddings = torch.stack(y_rec_embeddings, dim=1).transpose(-1, -2).flatten(start_dim=1, end_dim=2)

        y_d_rs = self.wd(y_embeddings)
        y_d_gs = self.wd(y_rec_embeddings)

        y_df_hat_r, y_df_hat_g = y_d_rs, y_d_gs

        r_loss = torch.mean((1 - y_df_hat_r) ** 2)
        g_loss = torch.mean((y_df_hat_g) ** 2)

        loss_disc_f = r_loss + g_loss

        return loss_disc_f.mean()

    def discriminator_forward(self, wav):
        with torch.no_grad():
            wav_16 = self.resample(wav)
            wav_embeddings = self.wavlm(input_values=wav_16, output_hidden_states=True).hidden_states
            y_embeddings = torch.stack(wav_embeddings, dim=1).transpose(-1, -2).flatten(start_dim=1, end_dim=2)

        y_d_rs = self.wd(y_embeddings)

        return y_d_rs
