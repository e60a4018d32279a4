import torch
import torch.nn.functional as F


class StyleGAN2Loss:
    def __init__(self, G_mapping, G_synthesis, D):
        self.G_mapping = G_mapping
        self.G_synthesis = G_synthesis
        self.D = D

    def run_G(self, z, c):
        ws = self.G_mapping(z, c)
        return self.G_synthesis(ws)

    def run_D(self, img, c):
        return self.D(img, c)

    def accumulate_gradients(self, phase, real_img, real_c, gen_z, gen_c, gain=1.0):
        assert phase in ["Gmain", "Dmain"]
        if phase == "Gmain":
            gen_img = self.run_G(gen_z, gen_c)
            gen_logits = self.run_D(gen_img, gen_c)
            loss_Gmain = F.softplus(-gen_logits)  # -log(sigmoid(gen_logits))
            loss_Gmain.mean().mul(gain).backward()
            return loss_Gmain.mean().detach()

        with torch.no_grad():
            gen_img = self.run_G(gen_z, gen_c)
        gen_logits = self.run_D(gen_img, gen_c)
        loss_Dgen = F.softplus(gen_logits)  # -log(1 - sigmoid(gen_logits))
        real_logits = self.run_D(real_img.detach(), real_c)
        loss_Dreal = F.softplus(-real_logits)  # -log(sigmoid(real_logits))
        (loss_Dgen.mean() + loss_Dreal.mean()).mul(gain).backward()
        return (loss_Dgen.mean() + loss_Dreal.mean()).detach()
