"""Money as the business pays it: its currency and the exchange table (`fx`), its sales
by channel and who takes each (`channels`), fees per sale by country and channel
(`fees`), the plan that fits (`plans`), and what a candidate costs over the horizon
(`costs`). Every amount here is in the business's currency."""
