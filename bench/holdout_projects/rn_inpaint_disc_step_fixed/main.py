# case: RN inpainting loop after the fix: the discriminator is stepped before the generator's adversarial term is computed, so g_loss.backward() sees fresh weights; also keeps the RN layers' in-place Sr[Sr == 0] = 1, the in-place g_loss += ..., and a .data *= scale weight init (inpaint/models.py) before training; runs cleanly
# source: https://github.com/geekyutao/RN/pull/19
import torch

from inpaint import InpaintingModel
from inpaint.models import initialize_weights

torch.manual_seed(0)
model = InpaintingModel(g_lr=1e-4, d_lr=1e-5, l1_weight=1.0, gan_weight=0.1)
initialize_weights(model, scale=0.1)
model.train()

for iteration in range(2):
    gt = torch.rand(2, 3, 16, 16)
    mask = torch.zeros(2, 1, 16, 16)
    mask[:, :, 4:12, 4:12] = 1

    prediction = model.generator(gt, mask)
    merged_result = prediction * mask + gt * (1 - mask)

    g_loss, d_loss = 0, 0
    d_real, _ = model.discriminator(gt)
    d_fake, _ = model.discriminator(prediction.detach())
    d_real_loss = model.adversarial_loss(d_real, True, True)
    d_fake_loss = model.adversarial_loss(d_fake, False, True)
    d_loss += (d_real_loss + d_fake_loss) / 2

    d_loss.backward()
    model.dis_optimizer.step()
    model.dis_optimizer.zero_grad()

    g_fake, _ = model.discriminator(prediction)
    g_gan_loss = model.adversarial_loss(g_fake, True, False)
    g_loss += model.gan_weight * g_gan_loss
    g_l1_loss = model.l1_loss(gt, merged_result) / torch.mean(mask)
    g_loss += model.l1_weight * g_l1_loss

    g_loss.backward()
    model.gen_optimizer.step()
    model.gen_optimizer.zero_grad()
print("g_loss", g_loss.item(), "d_loss", d_loss.item())
