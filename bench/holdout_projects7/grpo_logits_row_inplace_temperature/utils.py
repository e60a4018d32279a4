import torch


def group_advantages(rewards, num_answers_per_question):
    batch_size = rewards.shape[0]
    num_questions = batch_size // num_answers_per_question
    rewards_grouped = rewards.view(num_questions, num_answers_per_question)
    mean = rewards_grouped.mean(dim=1, keepdim=True)
    std = rewards_grouped.std(dim=1, keepdim=True) + 1e-8
    return ((rewards_grouped - mean) / std).view(batch_size, 1)


def grpo_loss(ref_policy_log_probs, old_policy_log_probs, new_policy_log_probs, attention_mask, advantages, prefix_len, clip_epsilon=0.2, kl_beta=0.04):
    ref_ = ref_policy_log_probs[:, prefix_len - 1 :]
    old_ = old_policy_log_probs[:, prefix_len - 1 :]
    new_ = new_policy_log_probs[:, prefix_len - 1 :]
    mask_ = attention_mask[:, prefix_len:]
    importance_ratio = torch.exp(new_ - old_)
    cliped_ratio = torch.clip(importance_ratio, 1 - clip_epsilon, 1 + clip_epsilon)
    kl_term = torch.exp(ref_ - new_) - (ref_ - new_) - 1
    objective = torch.min(importance_ratio * advantages, cliped_ratio * advantages) - kl_beta * kl_term
    return ((-objective * mask_).sum(dim=1) / mask_.sum(dim=1)).mean()


def get_batch_log_probs(model, batch_token_ids, attention_mask, enable_grad=False, temperature=1.0):
    if enable_grad:
        batch_logits = model(input_ids=batch_token_ids, attention_mask=attention_mask)
    else:
        with torch.no_grad():
            batch_logits = model(input_ids=batch_token_ids, attention_mask=attention_mask)
    batch_logits = batch_logits[:, :-1, :]
    batch_token_ids_ = batch_token_ids[:, 1:]
    batch_log_probs = []
    for logits_row, token_ids_row in zip(batch_logits, batch_token_ids_):
        logits_row.div_(temperature)  # expect: GG003  # raises: RuntimeError: is a view and is being modified inplace
        log_probs_row = logits_row.log_softmax(dim=-1)
        token_log_probs_row = torch.gather(log_probs_row, dim=1, index=token_ids_row.unsqueeze(1)).squeeze(1)
        batch_log_probs.append(token_log_probs_row)
    return torch.stack(batch_log_probs)
