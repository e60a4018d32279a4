import copy

import torch

import dnnlib
from training.loss import StyleGAN2Loss


def finetune(G, D, G_ema, training_set, batch_size=4, total_steps=3, ema_beta=0.9, lr=0.002):
    G_opt = torch.optim.Adam(G.parameters(), lr=lr, betas=(0.0, 0.99))
    D_opt = torch.optim.Adam(D.parameters(), lr=lr, betas=(0.0, 0.99))
    phases = [
        dnnlib.EasyDict(name="Gmain", module=G, opt=G_opt),
        dnnlib.EasyDict(name="Dmain", module=D, opt=D_opt),
    ]
    loss = StyleGAN2Loss(G_mapping=G.mapping, G_synthesis=G.synthesis, D=D)
    for step in range(total_steps):
        real_img = training_set[step * batch_size : (step + 1) * batch_size]
        gen_z = torch.randn([batch_size, G.z_dim])
        stats = {}
        for phase in phases:
            phase.opt.zero_grad(set_to_none=True)
            phase.module.requires_grad_(True)
            stats[phase.name] = loss.accumulate_gradients(
                phase=phase.name, real_img=real_img, real_c=None, gen_z=gen_z, gen_c=None
            )
            phase.module.requires_grad_(False)
            phase.opt.step()

        # Update G_ema.
        for p_ema, p in zip(G_ema.parameters(), G.parameters()):
            p_ema.copy_(p.lerp(p_ema, ema_beta))
        for b_ema, b in zip(G_ema.buffers(), G.buffers()):
            b_ema.copy_(b)
        print(f"step {step}: " + " ".join(f"{k}={v.item():.4f}" for k, v in stats.items()))
    return G, D, G_ema


def make_snapshot(G_kwargs, D_kwargs):
    common_kwargs = dict(c_dim=0, img_resolution=8, img_channels=3)
    G = dnnlib.construct_class_by_name(**G_kwargs, **common_kwargs).train().requires_grad_(False)
    D = dnnlib.construct_class_by_name(**D_kwargs, **common_kwargs).train().requires_grad_(False)
    G_ema = copy.deepcopy(G).eval()
    return dict(G=G, D=D, G_ema=G_ema, training_set_kwargs=None, augment_pipe=None)
