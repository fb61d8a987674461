import { firstViewColumns } from './src/app/first-columns';
import { presetById } from './src/schemes/presets';
const retail = ['customer_id','period','customer_name','id_number','phone','branch','aum','deposit_balance','loan_balance','star_points','deposit_term_months','consumption_12m','overdue_count_12m','credit_score','first_txn_date','last_txn_date','closed'];
for (const id of ['star-points','savings-grade','value-matrix','lifecycle']) console.log(id, [...firstViewColumns(presetById(id), new Set(retail))]);
