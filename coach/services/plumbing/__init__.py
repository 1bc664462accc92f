"""What every use case shares: one transaction per use case (runner, context), the outcome it asks the bot to
say (replies), inbox claims, the participant gate and health figures."""
