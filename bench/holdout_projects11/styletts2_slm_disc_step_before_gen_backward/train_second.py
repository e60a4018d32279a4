# case: StyleTTS 2 second-stage training (train_second.py, joint epochs): the SLM adversarial step computes the discriminator loss and the generator loss from one decoder output (Modules/slmadv.py -> WavLMLoss in losses.py -> the weight-normalised WavLMDiscriminator `wd` in Modules/discriminators.py); `d_loss_slm.backward()` and `optimizer.step('wd')` (MultiOptimizer in optimizers.py, one AdamW per module) rewrite the discriminator's weight_g/weight_v before `loss_gen_lm.backward()` goes back through the same discriminator, so the generator backward fails (the "g_loss ... backward" error once joint training starts)
# source: https://github.com/yl4579/StyleTTS2/issues/11
import os.path as osp
import warnings

import numpy as np
import torch
import torch.nn.functional as F
import yaml

from losses import WavLMLoss
from meldataset import build_dataloader
from models import CustomAlbert, DiffusionSampler, build_model
from Modules.slmadv import SLMAdversarialLoss
from optimizers import build_optimizer
from utils import Munch, get_data_path_list, length_to_mask, log_norm, mask_from_lens, maximum_path, recursive_munch, set_seed

warnings.simplefilter("ignore")


def main(config_path):
    config = yaml.safe_load(open(config_path))

    batch_size = config.get("batch_size", 10)
    epochs = config.get("epochs_2nd", 200)
    log_interval = config.get("log_interval", 10)

    data_params = config.get("data_params", None)
    sr = config["preprocess_params"].get("sr", 24000)
    hop = config["preprocess_params"].get("hop", 300)
    train_path = data_params["train_data"]

    max_len = config.get("max_len", 200)

    loss_params = Munch(config["loss_params"])
    diff_epoch = loss_params.diff_epoch
    joint_epoch = loss_params.joint_epoch

    optimizer_params = Munch(config["optimizer_params"])

    train_list, val_list = get_data_path_list(train_path)
    device = config.get("device", "cpu")

    train_dataloader = build_dataloader(train_list,
                                        osp.dirname(train_path),
                                        batch_size=batch_size,
                                        num_workers=0,
                                        dataset_config={"sr": sr, "hop": hop},
                                        device=device)

    # build model
    model_params = recursive_munch(config["model_params"])
    plbert = CustomAlbert(model_params.n_token, model_params.hidden_dim)
    model = build_model(model_params, plbert)
    _ = [model[key].to(device) for key in model]

    start_epoch = 0
    iters = 0

    wl = WavLMLoss(model_params.slm.model,
                   model.wd,
                   sr,
                   model_params.slm.sr,
                   hidden=model_params.slm.hidden,
                   nlayers=model_params.slm.nlayers).to(device)

    sampler = DiffusionSampler(model.diffusion, clamp=False)

    scheduler_params = {
        "max_lr": optimizer_params.lr,
        "pct_start": float(0),
        "epochs": epochs,
        "steps_per_epoch": len(train_dataloader),
    }
    scheduler_params_dict = {key: scheduler_params.copy() for key in model}
    scheduler_params_dict["bert"]["max_lr"] = optimizer_params.bert_lr * 2
    scheduler_params_dict["decoder"]["max_lr"] = optimizer_params.ft_lr * 2
    scheduler_params_dict["style_encoder"]["max_lr"] = optimizer_params.ft_lr * 2

    optimizer = build_optimizer({key: model[key].parameters() for key in model},
                                scheduler_params_dict=scheduler_params_dict, lr=optimizer_params.lr)

    # adjust BERT learning rate
    for g in optimizer.optimizers["bert"].param_groups:
        g["betas"] = (0.9, 0.99)
        g["lr"] = optimizer_params.bert_lr
        g["initial_lr"] = optimizer_params.bert_lr
        g["min_lr"] = 0
        g["weight_decay"] = 0.01

    # adjust acoustic module learning rate
    for module in ["decoder", "style_encoder"]:
        for g in optimizer.optimizers[module].param_groups:
            g["betas"] = (0.0, 0.99)
            g["lr"] = optimizer_params.ft_lr
            g["initial_lr"] = optimizer_params.ft_lr
            g["min_lr"] = 0
            g["weight_decay"] = 1e-4

    n_down = 1

    slmadv_params = Munch(config["slmadv_params"])
    slmadv = SLMAdversarialLoss(model, wl, sampler,
                                slmadv_params.min_len,
                                slmadv_params.max_len,
                                batch_percentage=slmadv_params.batch_percentage,
                                skip_update=slmadv_params.iter,
                                sig=slmadv_params.sig,
                                hop=hop)

    for epoch in range(start_epoch, epochs):
        running_loss = 0

        _ = [model[key].eval() for key in model]

        model.predictor.train()
        model.bert_encoder.train()
        model.bert.train()

        for i, batch in enumerate(train_dataloader):
            waves = batch[0]
            batch = [b.to(device) for b in batch[1:]]
            texts, input_lengths, ref_texts, ref_lengths, mels, mel_input_length, durations = batch

            with torch.no_grad():
                text_mask = length_to_mask(input_lengths).to(texts.device)

                s2s_attn = torch.zeros(texts.shape[0], texts.shape[1], int(mel_input_length.max()) // (2 ** n_down))
                mask_ST = mask_from_lens(s2s_attn, input_lengths, mel_input_length // (2 ** n_down))
                s2s_attn_mono = maximum_path(durations, mask_ST)

                # encode
                t_en = model.text_encoder(texts, input_lengths, text_mask)
                asr = (t_en @ s2s_attn_mono)

                d_gt = s2s_attn_mono.sum(axis=-1).detach()

            # compute the style of the entire utterance
            ss = []
            gs = []
            for bib in range(len(mel_input_length)):
                mel = mels[bib, :, :mel_input_length[bib]]
                s = model.predictor_encoder(mel.unsqueeze(0).unsqueeze(1))
                ss.append(s)
                s = model.style_encoder(mel.unsqueeze(0).unsqueeze(1))
                gs.append(s)

            s_dur = torch.stack(ss).squeeze()  # global prosodic styles
            gs = torch.stack(gs).squeeze()  # global acoustic styles
            s_trg = torch.cat([gs, s_dur], dim=-1).detach()  # ground truth for denoiser

            bert_dur = model.bert(texts, attention_mask=(~text_mask).int())
            d_en = model.bert_encoder(bert_dur).transpose(-1, -2)

            # denoiser training
            if epoch >= diff_epoch:
                num_steps = np.random.randint(3, 5)
                s_preds = sampler(noise=torch.randn_like(s_trg).unsqueeze(1).to(device),
                                  embedding=bert_dur,
                                  embedding_scale=1,
                                  embedding_mask_proba=0.1,
                                  num_steps=num_steps).squeeze(1)
                loss_sty = F.l1_loss(s_preds, s_trg.detach())  # style reconstruction loss
            else:
                loss_sty = 0

            d, p = model.predictor(d_en, s_dur,
                                   input_lengths,
                                   s2s_attn_mono,
                                   text_mask)

            mel_len = min(int(mel_input_length.min().item() / 2 - 1), max_len // 2)
            en = []
            gt = []
            p_en = []
            wav = []

            for bib in range(len(mel_input_length)):
                mel_length = int(mel_input_length[bib].item() / 2)

                random_start = np.random.randint(0, mel_length - mel_len)
                en.append(asr[bib, :, random_start:random_start + mel_len])
                p_en.append(p[bib, :, random_start:random_start + mel_len])
                gt.append(mels[bib, :, (random_start * 2):((random_start + mel_len) * 2)])

                y = waves[bib][(random_start * 2) * hop:((random_start + mel_len) * 2) * hop]
                wav.append(torch.from_numpy(y).to(device))

            wav = torch.stack(wav).float().detach()

            en = torch.stack(en)
            p_en = torch.stack(p_en)
            gt = torch.stack(gt).detach()

            if gt.size(-1) < 8:
                continue

            s_dur = model.predictor_encoder(gt.unsqueeze(1))

            with torch.no_grad():
                s = model.style_encoder(gt.unsqueeze(1))

                F0_real = gt.mean(dim=1)  # stand-in for the JDC pitch extractor
                N_real = log_norm(gt.unsqueeze(1)).squeeze(1)

                y_rec_gt = wav.unsqueeze(1)
                y_rec_gt_pred = model.decoder(en, F0_real, N_real, s)

                if epoch >= joint_epoch:
                    # ground truth from recording
                    wav = y_rec_gt  # use recording since decoder is tuned
                else:
                    # ground truth from reconstruction
                    wav = y_rec_gt_pred  # use reconstruction since decoder is fixed

            F0_fake, N_fake = model.predictor.F0Ntrain(p_en, s_dur)

            y_rec = model.decoder(en, F0_fake, N_fake, s)

            loss_F0_rec = (F.smooth_l1_loss(F0_real, F0_fake)) / 10
            loss_norm_rec = F.smooth_l1_loss(N_real, N_fake)

            # generator loss
            optimizer.zero_grad()

            loss_mel = F.l1_loss(y_rec, wav)  # stand-in for the multi-resolution STFT loss
            loss_lm = wl(wav.detach().squeeze(), y_rec.squeeze()).mean()

            loss_ce = 0
            loss_dur = 0
            for _s2s_pred, _text_input, _text_length in zip(d, (d_gt), input_lengths):
                _s2s_pred = _s2s_pred[:_text_length, :]
                _text_input = _text_input[:_text_length].long()
                _s2s_trg = torch.zeros_like(_s2s_pred)
                for p in range(_s2s_trg.shape[0]):
                    _s2s_trg[p, :_text_input[p]] = 1
                _dur_pred = torch.sigmoid(_s2s_pred).sum(axis=1)

                loss_dur += F.l1_loss(_dur_pred[1:_text_length - 1],
                                      _text_input[1:_text_length - 1])
                loss_ce += F.binary_cross_entropy_with_logits(_s2s_pred.flatten(), _s2s_trg.flatten())

            loss_ce /= texts.size(0)
            loss_dur /= texts.size(0)

            g_loss = loss_params.lambda_mel * loss_mel + \
                loss_F0_rec + \
                loss_params.lambda_ce * loss_ce + \
                loss_norm_rec + \
                loss_params.lambda_dur * loss_dur + \
                loss_params.lambda_slm * loss_lm + \
                loss_sty

            running_loss += loss_mel.item()
            g_loss.backward()

            optimizer.step("bert_encoder")
            optimizer.step("bert")
            optimizer.step("predictor")
            optimizer.step("predictor_encoder")

            if epoch >= diff_epoch:
                optimizer.step("diffusion")

            if epoch >= joint_epoch:
                optimizer.step("style_encoder")
                optimizer.step("decoder")

                # randomly pick whether to use in-distribution text
                if np.random.rand() < 0.5:
                    use_ind = True
                else:
                    use_ind = False

                if use_ind:
                    ref_lengths = input_lengths
                    ref_texts = texts

                slm_out = slmadv(i,
                                 y_rec_gt,
                                 y_rec_gt_pred,
                                 waves,
                                 mel_input_length,
                                 ref_texts,
                                 ref_lengths, use_ind, s_trg.detach(), None)

                if slm_out is None:
                    continue

                d_loss_slm, loss_gen_lm, y_pred = slm_out

                # SLM discriminator loss
                if d_loss_slm != 0:
                    optimizer.zero_grad()
                    d_loss_slm.backward()
                    optimizer.step("wd")

                # SLM generator loss
                optimizer.zero_grad()
                loss_gen_lm.backward()  # raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation

                # compute the gradient norm
                total_norm = {}
                for key in model.keys():
                    total_norm[key] = 0
                    parameters = [p for p in model[key].parameters() if p.grad is not None and p.requires_grad]
                    for p in parameters:
                        param_norm = p.grad.detach().data.norm(2)
                        total_norm[key] += param_norm.item() ** 2
                    total_norm[key] = total_norm[key] ** 0.5

                # gradient scaling
                if total_norm["predictor"] > slmadv_params.thresh:
                    for key in model.keys():
                        for p in model[key].parameters():
                            if p.grad is not None:
                                p.grad *= (1 / total_norm["predictor"])

                for p in model.predictor.duration_proj.parameters():
                    if p.grad is not None:
                        p.grad *= slmadv_params.scale

                for p in model.predictor.lstm.parameters():
                    if p.grad is not None:
                        p.grad *= slmadv_params.scale

                optimizer.step("bert_encoder")
                optimizer.step("bert")
                optimizer.step("predictor")
                optimizer.step("diffusion")

            else:
                d_loss_slm, loss_gen_lm = 0, 0

            iters = iters + 1

            if (i + 1) % log_interval == 0:
                print("Epoch [%d/%d], Step [%d/%d], Loss: %.5f, Dur Loss: %.5f, CE Loss: %.5f, LM Loss: %.5f, "
                      "DiscLM Loss: %.5f, GenLM Loss: %.5f"
                      % (epoch + 1, epochs, i + 1, len(train_list) // batch_size, running_loss / log_interval,
                         loss_dur, loss_ce, loss_lm, d_loss_slm, loss_gen_lm))
                running_loss = 0


if __name__ == "__main__":
    set_seed(0)
    main("Configs/config.yml")
